/** Why a request's SigV4 authentication was refused; the front door maps it to a wire error. */
export type SigV4Reason =
  | 'missing' // no Authorization header at all
  | 'incomplete' // Authorization header or date header malformed / lacking parts
  | 'unknown-key' // access key id not known
  | 'bad-signature' // signature (or payload hash) does not match
  | 'skewed' // request time more than 15 minutes from the server clock
  | 'expired-token' // temporary credentials past their expiry
  | 'invalid-token' // session token missing, wrong, or sent with a long-term key
  | 'wrong-service' // credential scope names another service than the one called
  | 'wrong-scope'; // credential scope date / terminator wrong

export class SigV4Error extends Error {
  constructor(
    readonly reason: SigV4Reason,
    message: string,
  ) {
    super(message);
    this.name = 'SigV4Error';
  }
}

export const isSigV4Error = (e: unknown): e is SigV4Error => e instanceof SigV4Error;

/**
 * For the front door, which knows which service a request is routed to.
 * AWS: "Credential should be scoped to correct service: 'ssm'. " (trailing space included).
 */
export function wrongServiceError(expectedService: string): SigV4Error {
  return new SigV4Error('wrong-service', `Credential should be scoped to correct service: '${expectedService}'. `);
}
