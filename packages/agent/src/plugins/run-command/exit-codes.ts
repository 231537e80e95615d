/**
 * AWS: exit codes a Run Command script uses to steer the agent (Linux and macOS):
 * 168 — stop the document here, as a success; 169 — stop here, as a failure;
 * 194 — reboot the node, then run the script again (it should be idempotent).
 */
import type { StepOutcome } from './step-executor';

export const EXIT_STOP_SUCCESS = 168;
export const EXIT_STOP_FAILURE = 169;
export const EXIT_REBOOT = 194;

export function outcomeOfExit(code: number): StepOutcome {
  if (code === 0) return { status: 'Success', responseCode: 0, statusDetails: 'Success' };
  if (code === EXIT_STOP_SUCCESS) return { status: 'Success', responseCode: code, statusDetails: 'Success', stopAfter: true };
  if (code === EXIT_STOP_FAILURE) return { status: 'Failed', responseCode: code, statusDetails: 'Failed', stopAfter: true };
  if (code === EXIT_REBOOT) return { status: 'Success', responseCode: code, statusDetails: 'Success', rebootRequested: true };
  return { status: 'Failed', responseCode: code, statusDetails: 'Failed' };
}
