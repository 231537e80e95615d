/** Run Command's numbers: how MaxConcurrency/MaxErrors read, and AWS's output and target limits. */
import { AwsError } from '../../operations/errors';

/** AWS: SendCommand takes at most 50 InstanceIds. */
export const MAX_INSTANCE_IDS = 50;
/** AWS: 2,500 characters of output in a plugin's Output (ListCommandInvocations with Details). */
export const PLUGIN_OUTPUT_CHARS = 2500;
/** AWS: GetCommandInvocation returns the first 24,000 characters of stdout and 8,000 of stderr. */
export const STDOUT_CONTENT_CHARS = 24_000;
export const STDERR_CONTENT_CHARS = 8_000;
/** AWS: TimeoutSeconds (delivery) defaults to 3,600. */
export const DEFAULT_DELIVERY_TIMEOUT_SECONDS = 3600;
/** AWS: MaxConcurrency defaults to 50, MaxErrors to 0. */
export const DEFAULT_MAX_CONCURRENCY = '50';
export const DEFAULT_MAX_ERRORS = '0';

/**
 * "10" or "10%" of `targets`. AWS: a percentage of concurrency rounds up and is at least one
 * target; a percentage of errors rounds down (0% tolerates none).
 */
export function parseLimit(value: string, targets: number, kind: 'concurrency' | 'errors'): number {
  const m = /^([0-9]+)(%?)$/.exec(value.trim());
  if (!m) {
    throw new AwsError('ValidationException', `Invalid ${kind === 'concurrency' ? 'MaxConcurrency' : 'MaxErrors'} value: ${value}`);
  }
  const n = Number(m[1]);
  if (!m[2]) return kind === 'concurrency' ? Math.max(1, n) : n;
  if (n > 100) throw new AwsError('ValidationException', `Invalid percentage ${value}: must be 0% to 100%`);
  return kind === 'concurrency' ? Math.max(1, Math.ceil((targets * n) / 100)) : Math.floor((targets * n) / 100);
}
