/**
 * What a session's handler (shell, commands, port) sees of the data channel once the handshake
 * is done: typed payloads in and out, and a full-window signal to pause its source. The frame
 * layer (sequence numbers, acknowledgements, retransmission) lives behind it in data-channel.ts.
 */
export interface SessionIo {
  /** The client's ClientVersion from its HandshakeResponse (decides smux for port sessions). */
  readonly clientVersion: string;
  /** Payload type Output: terminal or program output, or port bytes. */
  output(bytes: Uint8Array): void;
  /** One Output message of `length` bytes that `fill` writes into the frame from `at` (no copy in between). */
  outputInPlace(length: number, fill: (frame: Uint8Array, at: number) => void): void;
  /** The largest Output payload of one message. */
  readonly maxMessage: number;
  /** Payload type StdErr (NonInteractiveCommands with separateOutPutStream). */
  stderr(bytes: Uint8Array): void;
  /** Payload type Flag. */
  flag(flag: number): void;
  /** Payload type ExitCode. */
  exitCode(code: number): void;
  /** True while the client has not acknowledged enough of what was sent: pause the source. */
  readonly backlogged: boolean;
  onDrain(listener: () => void): void;
  /**
   * Asks the client to stop (true) or start again (false) sending input, for a handler whose
   * sinks cannot keep up: the protocol's pause_publication / start_publication (a Bosun client
   * honours them; AWS's plugin ignores them). Sent only when the state changes.
   */
  holdInput(held: boolean): void;
  /** Client → agent payloads. */
  onInput(listener: (bytes: Uint8Array) => void): void;
  onSize(listener: (cols: number, rows: number) => void): void;
  onFlag(listener: (flag: number) => void): void;
}

/** How a session ended, for the control channel's session_ended. */
export interface SessionOutcome {
  exitCode?: number;
  reason?: string;
}
