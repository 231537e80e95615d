/**
 * Session Manager preferences, read from a Standard_Stream document's `inputs` (AWS's
 * SSM-SessionManagerRunShell shape). Logging destinations (s3*, cloudWatch*, kmsKeyId) are
 * accepted and kept as written: Bosun records every shell session in its own blob store.
 */
import { AwsError } from '../../operations/errors';

export interface SessionPreferences {
  idleTimeoutMinutes: number;
  /** Undefined: no limit. */
  maxDurationMinutes?: number;
  runAsEnabled: boolean;
  runAsUser?: string;
  shellProfile?: string;
  s3BucketName?: string;
  cloudWatchLogGroupName?: string;
}

const invalid = (message: string) => new AwsError('InvalidDocument', message);

export function parsePreferences(inputs: Record<string, unknown>): SessionPreferences {
  // AWS: idleSessionTimeout is 1-60 minutes (default 20); maxSessionDuration 1-1440, empty for none.
  const idle = minutes(inputs.idleSessionTimeout, 'idleSessionTimeout', 60) ?? 20;
  const max = minutes(inputs.maxSessionDuration, 'maxSessionDuration', 1440);
  const runAsEnabled = inputs.runAsEnabled === true || inputs.runAsEnabled === 'true';
  const runAsUser = typeof inputs.runAsDefaultUser === 'string' && inputs.runAsDefaultUser ? inputs.runAsDefaultUser : undefined;
  const profile = inputs.shellProfile;
  const shellProfile = typeof profile === 'object' && profile !== null && typeof (profile as { linux?: unknown }).linux === 'string'
    ? ((profile as { linux: string }).linux || undefined) : undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  return {
    idleTimeoutMinutes: idle,
    ...(max !== undefined ? { maxDurationMinutes: max } : {}),
    runAsEnabled,
    ...(runAsUser ? { runAsUser } : {}),
    ...(shellProfile ? { shellProfile } : {}),
    ...(str(inputs.s3BucketName) ? { s3BucketName: str(inputs.s3BucketName) } : {}),
    ...(str(inputs.cloudWatchLogGroupName) ? { cloudWatchLogGroupName: str(inputs.cloudWatchLogGroupName) } : {}),
  };
}

function minutes(value: unknown, name: string, max: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value).trim();
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw invalid(`Session preference ${name} must be a whole number of minutes from 1 to ${max}; the document says "${text}".`);
  }
  return Number(text);
}
