/**
 * A request the contract rejects before any handler runs: malformed JSON, a member of the
 * wrong type, a constraint violation. `code` is the AWS error code; an empty message means
 * AWS sends none (SerializationException for unparseable bodies).
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
