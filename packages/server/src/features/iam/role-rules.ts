import { AwsError } from '../../operations/errors';

/** AWS: a role's maximum session lasts 1 to 12 hours. */
export const MIN_ROLE_SESSION = 3600;
export const MAX_ROLE_SESSION = 43200;

export function checkMaxSessionDuration(seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (!Number.isInteger(seconds) || seconds < MIN_ROLE_SESSION || seconds > MAX_ROLE_SESSION) {
    const bound = seconds < MIN_ROLE_SESSION ? `greater than or equal to ${MIN_ROLE_SESSION}` : `less than or equal to ${MAX_ROLE_SESSION}`;
    throw new AwsError('ValidationError',
      `1 validation error detected: Value '${seconds}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value ${bound}`);
  }
  return seconds;
}
