/** Why a session frame or payload was refused. */
export type SessionProtocolErrorReason =
  | 'short-frame'
  | 'bad-header'
  | 'bad-digest'
  | 'bad-message-id'
  | 'bad-payload'
  | 'closed'
  | 'smux';

/** A session frame, payload or smux frame that breaks the protocol. */
export class SessionProtocolError extends Error {
  constructor(
    readonly reason: SessionProtocolErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'SessionProtocolError';
  }
}
