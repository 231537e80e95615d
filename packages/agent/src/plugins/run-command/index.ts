/** The `run-command` job plugin (Run Command on the node); the only door into this folder. */
export { createRunCommandPlugin, overallStatus, RebootPendingError, stepExecutors, type RunCommandPlugin, type RunCommandPluginOptions } from './run-command-plugin';
export { DEFAULT_REBOOT_COMMAND } from './reboot';
export { DEFAULT_TIMEOUT_SECONDS } from './run-shell-script';
export { EXIT_REBOOT, EXIT_STOP_FAILURE, EXIT_STOP_SUCCESS } from './exit-codes';
