import pino, { type Logger } from 'pino';

/**
 * JSON logs. Credentials and secret values are cut out by path before a line is written; the
 * API layer never logs request bodies, so these paths are the second line of defence.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-amz-security-token"]',
  'headers.authorization',
  'headers["x-amz-security-token"]',
  '*.SecretAccessKey',
  '*.SessionToken',
  '*.Password',
  '*.Value',
  'secretAccessKey',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bosun' },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
