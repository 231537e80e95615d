/**
 * smux protocol version 1 (github.com/xtaci/smux), the stream multiplexer the
 * session-manager-plugin and amazon-ssm-agent run inside a Port session's byte stream so that one
 * session carries many TCP connections. Isomorphic: bytes in through `receive`, out through `send`.
 *
 * Frame: 8-byte header | data
 *   ver (1 byte, 1) | cmd (1 byte) | length (uint16, little-endian) | stream id (uint32, little-endian)
 *   cmd: 0 SYN (open), 1 FIN (end of stream), 2 PSH (data, `length` bytes follow), 3 NOP (keep-alive)
 */
import { systemClock, type SessionClock } from './clock';
import { SessionProtocolError } from './errors';

export const SMUX_VERSION = 1;
export const SmuxCommand = { SYN: 0, FIN: 1, PSH: 2, NOP: 3, UPD: 4 } as const;
const HEADER_SIZE = 8;
/** AWS: smux.DefaultConfig's MaxFrameSize, which the plugin and agent keep. */
export const SMUX_DEFAULT_MAX_FRAME_SIZE = 32768;

export interface SmuxSessionOptions {
  /** The client opens odd stream ids (3, 5, …), the server even ones (2, 4, …), as smux does. */
  role: 'client' | 'server';
  /** Writes bytes to the underlying byte stream. */
  send(bytes: Uint8Array): void;
  /**
   * Optional: writes `length` bytes that `fill` puts straight into the transport's own buffer
   * (a data channel frame) from `at`, every byte of them. Stream data goes this way when given:
   * one copy from the socket reads to the frame instead of two.
   */
  sendInPlace?(length: number, fill: (out: Uint8Array, at: number) => void): void;
  /**
   * The largest single write the transport carries as one message (the data channel's payload
   * size). Data is cut into writes of whole smux frames no longer than this, so that no frame
   * straddles two messages and the receiver never has to join pieces. Default: unlimited.
   */
  messageSize?(): number;
  /** A stream the peer opened. Attach onData/onEnd at once; data is held until then. */
  onStream?(stream: SmuxStream): void;
  /** The peer broke the protocol; the session is closed. */
  onError?(error: Error): void;
  /**
   * Send a NOP every this many ms (smux's default is 10 s). 0, the default, disables keep-alive,
   * as the plugin does with agents above 3.1.1511.0. Idle peers are never timed out here.
   */
  keepAliveIntervalMs?: number;
  maxFrameSize?: number;
  clock?: SessionClock;
}

export function encodeSmuxFrame(cmd: number, streamId: number, data?: Uint8Array): Uint8Array {
  const length = data?.length ?? 0;
  if (length > 0xffff) throw new SessionProtocolError('smux', `smux frame of ${length} bytes is too long`);
  const out = new Uint8Array(HEADER_SIZE + length);
  const view = new DataView(out.buffer);
  out[0] = SMUX_VERSION;
  out[1] = cmd;
  view.setUint16(2, length, true);
  view.setUint32(4, streamId, true);
  if (data) out.set(data, HEADER_SIZE);
  return out;
}

/** Bytes after the header: PSH carries `length`, UPD (version 2) 8, the others none. */
function bodyLengthOf(cmd: number, length: number): number {
  return cmd === SmuxCommand.PSH ? length : cmd === SmuxCommand.UPD ? 8 : 0;
}

export class SmuxSession {
  private readonly options: SmuxSessionOptions;
  private readonly maxFrameSize: number;
  private readonly streams = new Map<number, SmuxStream>();
  private nextStreamId: number;
  /** The header of a frame split between `receive` calls, and how much of it came. */
  private readonly partHeader = new Uint8Array(HEADER_SIZE);
  private partHeaderLength = 0;
  /** The body of that frame, allocated once its header is whole, and how much of it came. */
  private partBody: Uint8Array | null = null;
  private partBodyLength = 0;
  private closed = false;
  private cancelKeepAlive: (() => void) | null = null;

  constructor(options: SmuxSessionOptions) {
    this.options = options;
    this.maxFrameSize = options.maxFrameSize ?? SMUX_DEFAULT_MAX_FRAME_SIZE;
    // AWS: smux starts the client at 1 and the server at 0 and adds 2 before each open.
    this.nextStreamId = options.role === 'client' ? 1 : 0;
    if (options.keepAliveIntervalMs) this.scheduleKeepAlive(options.keepAliveIntervalMs);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get streamCount(): number {
    return this.streams.size;
  }

  openStream(): SmuxStream {
    if (this.closed) throw new SessionProtocolError('closed', 'the smux session is closed');
    this.nextStreamId += 2;
    if (this.nextStreamId > 0xffffffff) throw new SessionProtocolError('smux', 'smux stream ids are exhausted');
    const stream = new SmuxStream(this.nextStreamId, this);
    this.streams.set(stream.id, stream);
    this.write(encodeSmuxFrame(SmuxCommand.SYN, stream.id));
    return stream;
  }

  /**
   * Feeds bytes from the underlying byte stream; frames may be split or joined anyhow. Whole
   * frames are read in place; only a frame split between calls (the plugin sends 1 KiB
   * messages) is copied, once, into a buffer of its own size.
   */
  receive(bytes: Uint8Array): void {
    if (this.closed || bytes.length === 0) return;
    let offset = 0;
    if (this.partHeaderLength > 0) {
      offset = this.continuePart(bytes);
      if (offset < 0) return;
    }
    while (offset < bytes.length && !this.closed) {
      if (bytes.length - offset < HEADER_SIZE) {
        this.partHeader.set(bytes.subarray(offset));
        this.partHeaderLength = bytes.length - offset;
        return;
      }
      const version = bytes[offset];
      const cmd = bytes[offset + 1];
      const length = bytes[offset + 2] | (bytes[offset + 3] << 8);
      const streamId = (bytes[offset + 4] | (bytes[offset + 5] << 8) | (bytes[offset + 6] << 16) | (bytes[offset + 7] << 24)) >>> 0;
      if (version !== SMUX_VERSION) return this.fail(`smux version ${version} is not 1`);
      const bodyLength = bodyLengthOf(cmd, length);
      if (bytes.length - offset < HEADER_SIZE + bodyLength) {
        // Our own copy of the split frame: `bytes` is a view into the transport's buffer.
        this.partHeader.set(bytes.subarray(offset, offset + HEADER_SIZE));
        this.partHeaderLength = HEADER_SIZE;
        this.partBody = new Uint8Array(bodyLength);
        this.partBody.set(bytes.subarray(offset + HEADER_SIZE));
        this.partBodyLength = bytes.length - offset - HEADER_SIZE;
        return;
      }
      // A view, not a copy: transports hand over a fresh buffer per message and no one writes to it.
      const body = bytes.subarray(offset + HEADER_SIZE, offset + HEADER_SIZE + bodyLength);
      offset += HEADER_SIZE + bodyLength;
      this.handleFrame(cmd, length, streamId, body);
    }
  }

  /** Completes a frame split between calls; returns where the rest of `bytes` starts, or -1 when all of it went into the part. */
  private continuePart(bytes: Uint8Array): number {
    let offset = 0;
    const header = this.partHeader;
    if (this.partHeaderLength < HEADER_SIZE) {
      const n = Math.min(HEADER_SIZE - this.partHeaderLength, bytes.length);
      header.set(bytes.subarray(0, n), this.partHeaderLength);
      this.partHeaderLength += n;
      offset = n;
      if (this.partHeaderLength < HEADER_SIZE) return -1;
      if (header[0] !== SMUX_VERSION) {
        this.fail(`smux version ${header[0]} is not 1`);
        return -1;
      }
      this.partBody = new Uint8Array(bodyLengthOf(header[1], header[2] | (header[3] << 8)));
      this.partBodyLength = 0;
    }
    const body = this.partBody!;
    const n = Math.min(body.length - this.partBodyLength, bytes.length - offset);
    body.set(bytes.subarray(offset, offset + n), this.partBodyLength);
    this.partBodyLength += n;
    offset += n;
    if (this.partBodyLength < body.length) return -1;
    this.partHeaderLength = 0;
    this.partBody = null;
    const streamId = (header[4] | (header[5] << 8) | (header[6] << 16) | (header[7] << 24)) >>> 0;
    this.handleFrame(header[1], header[2] | (header[3] << 8), streamId, body);
    return this.closed ? -1 : offset;
  }

  private handleFrame(cmd: number, length: number, streamId: number, body: Uint8Array): void {
    switch (cmd) {
      case SmuxCommand.NOP:
      case SmuxCommand.UPD: // version 2 flow control; read and ignored, as a v1 session does
        break;
      case SmuxCommand.SYN:
        if (!this.streams.has(streamId)) {
          const stream = new SmuxStream(streamId, this);
          this.streams.set(streamId, stream);
          this.options.onStream?.(stream);
        }
        break;
      case SmuxCommand.FIN:
        this.streams.get(streamId)?.remoteEnded();
        break;
      case SmuxCommand.PSH:
        // AWS: data for a stream that is not open is dropped.
        if (length > 0) this.streams.get(streamId)?.pushData(body);
        break;
      default:
        this.fail(`unknown smux command ${cmd}`);
    }
  }

  /** Ends the session: every stream sees its end; nothing more is sent (smux v1 has no session close frame). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelKeepAlive?.();
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const stream of streams) stream.sessionClosed();
  }

  /** @internal */
  write(frame: Uint8Array): void {
    if (!this.closed) this.options.send(frame);
  }

  /** @internal */
  writeData(streamId: number, pieces: Uint8Array[]): void {
    // The frames of one write go to the transport in as few writes as its messages allow (Bosun
    // ends send large ones) instead of one per 32 KiB frame, each holding whole frames only.
    let total = 0;
    for (const piece of pieces) total += piece.length;
    const frameSize = this.maxFrameSize;
    const messageSize = this.options.messageSize?.() ?? Infinity;
    // Data bytes per write: as many whole frames as fit, and at least one frame.
    const perWrite = Math.max(1, Math.floor(messageSize / (frameSize + HEADER_SIZE))) * frameSize;
    let piece = 0;
    let pieceOffset = 0;
    const fill = (out: Uint8Array, start: number, data: number) => {
      let at = start;
      for (let left = data; left > 0; ) {
        const length = Math.min(frameSize, left);
        out[at] = SMUX_VERSION;
        out[at + 1] = SmuxCommand.PSH;
        out[at + 2] = length & 0xff;
        out[at + 3] = length >>> 8;
        out[at + 4] = streamId & 0xff;
        out[at + 5] = (streamId >>> 8) & 0xff;
        out[at + 6] = (streamId >>> 16) & 0xff;
        out[at + 7] = streamId >>> 24;
        at += HEADER_SIZE;
        for (let need = length; need > 0; ) {
          const source = pieces[piece];
          const n = Math.min(need, source.length - pieceOffset);
          out.set(n === source.length ? source : source.subarray(pieceOffset, pieceOffset + n), at);
          at += n;
          need -= n;
          pieceOffset += n;
          if (pieceOffset === source.length) {
            piece++;
            pieceOffset = 0;
          }
        }
        left -= length;
      }
    };
    for (let left = total; left > 0 && !this.closed; ) {
      const data = Math.min(perWrite, left);
      const length = data + Math.ceil(data / frameSize) * HEADER_SIZE;
      if (this.options.sendInPlace) {
        this.options.sendInPlace(length, (out, at) => fill(out, at, data));
      } else {
        const out = new Uint8Array(length);
        fill(out, 0, data);
        this.write(out);
      }
      left -= data;
    }
  }

  /** @internal */
  forget(streamId: number): void {
    this.streams.delete(streamId);
  }

  private fail(message: string): void {
    this.close();
    this.options.onError?.(new SessionProtocolError('smux', message));
  }

  private scheduleKeepAlive(intervalMs: number): void {
    const clock = this.options.clock ?? systemClock;
    this.cancelKeepAlive = clock.setTimer(() => {
      if (this.closed) return;
      this.write(encodeSmuxFrame(SmuxCommand.NOP, 0));
      this.scheduleKeepAlive(intervalMs);
    }, intervalMs);
  }
}

/** One multiplexed stream: a byte pipe in each direction, each ended by a FIN. */
export class SmuxStream {
  private dataHandler: ((bytes: Uint8Array) => void) | null = null;
  private endHandler: (() => void) | null = null;
  private held: Uint8Array[] = [];
  private remoteDone = false;
  private endDelivered = false;
  private localDone = false;

  /** @internal */
  constructor(
    readonly id: number,
    private readonly session: SmuxSession,
  ) {}

  /** Data from the peer. Data that arrived before the handler was set is delivered at once. */
  set onData(handler: ((bytes: Uint8Array) => void) | null) {
    this.dataHandler = handler;
    if (!handler) return;
    const held = this.held;
    this.held = [];
    for (const chunk of held) handler(chunk);
    this.maybeDeliverEnd();
  }

  /** The peer ended its side (FIN), or the session closed. Fires after all data. */
  set onEnd(handler: (() => void) | null) {
    this.endHandler = handler;
    this.maybeDeliverEnd();
  }

  get writable(): boolean {
    return !this.localDone && !this.session.isClosed;
  }

  get ended(): boolean {
    return this.remoteDone;
  }

  write(bytes: Uint8Array): void {
    if (!this.writable) throw new SessionProtocolError('closed', `smux stream ${this.id} is closed for writing`);
    if (bytes.length > 0) this.session.writeData(this.id, [bytes]);
  }

  /** Several pieces as if written one after the other, in one call to the session's `send`. */
  writev(pieces: Uint8Array[]): void {
    if (!this.writable) throw new SessionProtocolError('closed', `smux stream ${this.id} is closed for writing`);
    const nonEmpty = pieces.filter((p) => p.length > 0);
    if (nonEmpty.length > 0) this.session.writeData(this.id, nonEmpty);
  }

  /**
   * Sends FIN. The Go peer (plugin or agent) treats this as a full close of the stream and
   * closes its side too; data it still sends is delivered until its FIN.
   */
  end(): void {
    if (this.localDone) return;
    this.localDone = true;
    this.session.write(encodeSmuxFrame(SmuxCommand.FIN, this.id));
    if (this.remoteDone) this.session.forget(this.id);
  }

  /** @internal */
  pushData(bytes: Uint8Array): void {
    if (this.remoteDone) return;
    if (this.dataHandler) this.dataHandler(bytes);
    else this.held.push(bytes);
  }

  /** @internal */
  remoteEnded(): void {
    if (this.remoteDone) return;
    this.remoteDone = true;
    if (this.localDone) this.session.forget(this.id);
    this.maybeDeliverEnd();
  }

  /** @internal */
  sessionClosed(): void {
    this.localDone = true;
    this.remoteDone = true;
    this.maybeDeliverEnd();
  }

  private maybeDeliverEnd(): void {
    if (!this.remoteDone || this.endDelivered || this.held.length > 0 || !this.endHandler) return;
    this.endDelivered = true;
    this.endHandler();
  }
}
