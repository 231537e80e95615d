/**
 * Registration failures, explained for the operator at the node. The server answers with AWS's
 * error codes; the agent adds what to do about each.
 */
export class RegistrationError extends Error {
  constructor(
    readonly code: string,
    readonly serverMessage: string,
    readonly status: number,
  ) {
    super(explain(code, serverMessage, status));
  }
}

// AWS: the real agent fails registration with these codes (ActivationExpired, InvalidActivation,
// InvalidActivationId); the hints are ours.
const HINTS: Record<string, string> = {
  InvalidActivationId: 'the activation id is unknown or malformed — check --activation-id (it looks like a UUID)',
  InvalidActivation:
    'the activation code is wrong, or the activation expired, was deleted, or reached its registration limit — create a new one with `aws ssm create-activation`',
  ActivationExpired: 'the activation has expired — create a new one with `aws ssm create-activation`',
  ActivationLimitExceeded: 'the activation has reached its RegistrationLimit — create a new activation or raise the limit',
  ValidationException: 'the server rejected the registration request as malformed',
  ThrottlingException: 'the server is throttling registrations — wait a moment and try again',
};

function explain(code: string, message: string, status: number): string {
  const hint = HINTS[code] ?? (status >= 500 ? 'the server failed; try again, and check its log if it persists' : undefined);
  return `registration failed: ${code}${message ? `: ${message}` : ''}${hint ? `\n  → ${hint}` : ''}`;
}

/** The server could not be reached, or its certificate does not lead to the pinned CA. */
export class ServerUnreachableError extends Error {
  constructor(server: URL, cause: Error & { code?: string }) {
    const tls = /CERT|SELF_SIGNED|ALTNAME|VERIFY|HOSTNAME/i.test(`${cause.code ?? ''} ${cause.message}`);
    super(
      `cannot register with ${server.origin}: ${cause.message}` +
        (tls ? '\n  → the server\'s certificate does not lead to the pinned CA (or does not name this host): wrong server or wrong CA' : ''),
    );
  }
}
