/** @bosun/agent's public surface: what `bosun up` and tests use to run an agent in-process. */
export { main } from './main';
export { registerAgent, AlreadyRegisteredError, type RegisterAgentOptions } from './register/register-agent';
export { RegistrationError, ServerUnreachableError } from './register/registration-error';
export { startAgent, type AgentOptions, type AgentExit, type RunningAgent } from './agent';
export { createLogger, type Logger, type LogFormat } from './log/logger';
export { builtinPlugins, PluginRegistry, type AgentPlugin, type AgentJob, type JobOutput } from './plugins/index';
export { DEFAULT_STATE_DIR, isRegistered, loadRegistration, type Registration } from './state/state-dir';
export { collectFacts } from './facts/collect-facts';
export { AGENT_VERSION } from './version';
