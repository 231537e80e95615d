/**
 * One end of a Session Manager data channel: numbers outgoing stream messages, keeps them until
 * the peer acknowledges them and retransmits them, acknowledges incoming ones and hands them on
 * in order. Transport-agnostic: frames go out through `send` and come in through `receive`.
 *
 * AWS: mirrors datachannel/streaming.go of the session-manager-plugin and
 * agent/session/datachannel/datachannel.go of amazon-ssm-agent; the deliberate differences are
 * listed in README.md.
 */
import { systemClock, type SessionClock } from './clock';
import { DataChannelTiming, FrameFlag, MessageType, PayloadType } from './constants';
import { SessionProtocolError } from './errors';
import { decodeFrame, encodeFrame, encodeFrameInPlace, type EncodeFrameOptions, type FrameToEncode, type SessionFrame } from './frame';
import { decodeJsonPayload, type AcknowledgeContent, type ChannelClosedPayload } from './payloads';

export type DataChannelRole = 'client' | 'agent';

export interface DataChannelOptions {
  role: DataChannelRole;
  /** Puts one binary frame on the wire. */
  send(frame: Uint8Array): void;
  /** An incoming stream message, in sequence order, each exactly once. */
  onStream(payloadType: number, payload: Uint8Array, frame: SessionFrame): void;
  /** The service closed the channel (`channel_closed`). The channel stops afterwards. */
  onChannelClosed?(info: ChannelClosedPayload): void;
  /** pause_publication (false) / start_publication (true) arrived. */
  onPublication?(active: boolean): void;
  /** Every outgoing message has been acknowledged (use it to resume a paused source). */
  onDrain?(): void;
  /** An outgoing message was acknowledged (`unacknowledgedBytes` went down): for sliding windows. */
  onAcknowledge?(): void;
  /** An undecodable frame, a throwing handler, or a message resent `resendMaxAttempt` times. */
  onError?(error: Error): void;
  clock?: SessionClock;
  /** Largest payload of one Output/StdErr message; longer writes are split. Default 1024 as AWS. */
  maxPayloadSize?: number;
  /**
   * Check each incoming payload's SHA-256 (default true, as the plugin and the agent do). Turn
   * it off only where the transport already guarantees integrity (TLS, loopback): see README.md.
   */
  verifyDigest?: boolean;
  timing?: Partial<typeof DataChannelTiming>;
}

interface Outgoing {
  sequenceNumber: number;
  frame: Uint8Array;
  lastSentTime: number;
  /** False while publication is paused and it was never put on the wire. */
  sent: boolean;
  resendAttempts: number;
}

export class DataChannel {
  readonly role: DataChannelRole;
  private readonly options: DataChannelOptions;
  private readonly clock: SessionClock;
  private readonly timing: typeof DataChannelTiming;
  private maxPayloadSize: number;
  private readonly outgoingType: string;
  private readonly decodeOptions: { verifyDigest: boolean };
  private readonly encodeOptions: EncodeFrameOptions = { digest: true };

  private nextSequenceNumber = 0;
  private expectedSequenceNumber = 0;
  /** Insertion order is sequence order, so the first entry is the oldest unacknowledged message. */
  private readonly outgoing = new Map<number, Outgoing>();
  private readonly incoming = new Map<number, SessionFrame>();
  /** Bytes of the frames in `outgoing`. */
  private outgoingBytes = 0;
  private roundTripTime: number;
  private roundTripTimeVariation: number;
  private retransmissionTimeoutMs: number;
  private cancelResendTimer: (() => void) | null = null;
  private paused = false;
  /** We asked the peer to pause (pause_publication sent, start_publication not yet). */
  private holding = false;
  /** We sent pause_publication at least once (so a new socket is told the current state). */
  private everHeld = false;
  private closed = false;

  constructor(options: DataChannelOptions) {
    this.options = options;
    this.role = options.role;
    this.clock = options.clock ?? systemClock;
    this.timing = { ...DataChannelTiming, ...options.timing };
    this.maxPayloadSize = options.maxPayloadSize ?? this.timing.streamDataPayloadSize;
    this.decodeOptions = { verifyDigest: options.verifyDigest !== false };
    this.outgoingType = options.role === 'client' ? MessageType.InputStreamData : MessageType.OutputStreamData;
    this.roundTripTime = this.timing.defaultRoundTripTimeMs;
    this.roundTripTimeVariation = this.timing.defaultRoundTripTimeVariationMs;
    this.retransmissionTimeoutMs = this.timing.defaultRetransmissionTimeoutMs;
  }

  /** Messages sent but not yet acknowledged. */
  get unacknowledged(): number {
    return this.outgoing.size;
  }

  /** Bytes (whole frames) sent but not yet acknowledged: the window a sender can hold itself to. */
  get unacknowledgedBytes(): number {
    return this.outgoingBytes;
  }

  /** Largest Output/StdErr payload per message (longer writes are split). */
  get payloadSize(): number {
    return this.maxPayloadSize;
  }

  set payloadSize(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new SessionProtocolError('bad-payload', `payload size ${size} is not a positive whole number`);
    this.maxPayloadSize = size;
  }

  /** Whether incoming payload digests are checked (DataChannelOptions.verifyDigest). */
  get verifiesDigests(): boolean {
    return this.decodeOptions.verifyDigest;
  }

  /**
   * Whether frames sent from now on carry their payload's SHA-256 (default true). Set it false
   * only when the peer said it does not check them (Bosun's handshake extension
   * BosunUncheckedDigests); the plugin and AWS's agent always check.
   */
  get sendsDigests(): boolean {
    return this.encodeOptions.digest !== false;
  }

  set sendsDigests(on: boolean) {
    this.encodeOptions.digest = on;
  }

  get retransmissionTimeout(): number {
    return this.retransmissionTimeoutMs;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The peer asked us to pause (pause_publication) and has not said start_publication since. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Whether we asked the peer to pause (holdPeer(true) in force). */
  get holdingPeer(): boolean {
    return this.holding;
  }

  /**
   * Receive-side flow control: asks the peer to stop sending stream messages (true:
   * pause_publication) or to go on (false: start_publication), the service's own messages. Only
   * changes are sent. A Bosun end honours them: it holds its messages back, and its sources stop
   * at its sliding window. The plugin and AWS's agent may ignore them, so nothing may depend on
   * them being honoured. Acknowledgements are never held: the other direction flows on.
   */
  holdPeer(held: boolean): void {
    if (this.holding === held || this.closed) return;
    this.holding = held;
    if (held) this.everHeld = true;
    this.putPublication(held);
  }

  /**
   * Tells the peer again whether it is held (after a reconnect: the frame that said so may have
   * gone down with the old socket). Sends nothing when holdPeer was never used.
   */
  repeatHold(): void {
    if (this.everHeld && !this.closed) this.putPublication(this.holding);
  }

  /**
   * Ends a pause the peer asked for as if start_publication had arrived: messages held back go
   * out now. For messages that must reach the peer anyway (a terminate flag behind held data).
   */
  resumePublication(): void {
    if (!this.closed) this.setPaused(false);
  }

  private putPublication(held: boolean): void {
    // Not sequenced and not acknowledged, as the service sends them.
    this.put(
      encodeFrame({
        messageType: held ? MessageType.PausePublication : MessageType.StartPublication,
        schemaVersion: 1,
        createdDate: this.clock.now(),
        sequenceNumber: 0,
        flags: 0,
        payloadType: 0,
        payload: new Uint8Array(0),
      }, this.encodeOptions),
    );
  }

  /**
   * Sends a stream message (input_stream_data for the client, output_stream_data for the agent).
   * Output and StdErr payloads longer than maxPayloadSize go as several messages.
   */
  sendStream(payloadType: number, payload: Uint8Array): void {
    if (this.closed) throw new SessionProtocolError('closed', 'the data channel is closed');
    // AWS: the agent never sends an empty stream payload, and the plugin cannot serialise one.
    if (payload.length === 0) return;
    const splittable = payloadType === PayloadType.Output || payloadType === PayloadType.StdErr;
    if (!splittable || payload.length <= this.maxPayloadSize) {
      this.sendOne(payloadType, payload);
      return;
    }
    for (let offset = 0; offset < payload.length; offset += this.maxPayloadSize) {
      this.sendOne(payloadType, payload.subarray(offset, offset + this.maxPayloadSize));
    }
  }

  /**
   * Sends one stream message of `payloadLength` bytes that `fill` writes in place (from `at` in
   * the frame; every byte of it): no intermediate payload buffer. Never split.
   */
  sendStreamInPlace(payloadType: number, payloadLength: number, fill: (frame: Uint8Array, at: number) => void): void {
    if (this.closed) throw new SessionProtocolError('closed', 'the data channel is closed');
    if (payloadLength === 0) return;
    const sequenceNumber = this.nextSequenceNumber++;
    this.queue(sequenceNumber, encodeFrameInPlace(this.streamHeader(payloadType, sequenceNumber), payloadLength, fill, this.encodeOptions));
  }

  private sendOne(payloadType: number, payload: Uint8Array): void {
    const sequenceNumber = this.nextSequenceNumber++;
    this.queue(sequenceNumber, encodeFrame({ ...this.streamHeader(payloadType, sequenceNumber), payload }, this.encodeOptions));
  }

  private streamHeader(payloadType: number, sequenceNumber: number): Omit<FrameToEncode, 'payload'> {
    return {
      messageType: this.outgoingType,
      schemaVersion: 1,
      createdDate: this.clock.now(),
      sequenceNumber,
      // AWS: the agent marks its first stream message SYN; the plugin never sets flags.
      flags: this.role === 'agent' && sequenceNumber === 0 ? FrameFlag.Syn : 0,
      payloadType,
    };
  }

  private queue(sequenceNumber: number, frame: Uint8Array): void {
    const message: Outgoing = { sequenceNumber, frame, lastSentTime: this.clock.now(), sent: false, resendAttempts: 0 };
    this.outgoing.set(sequenceNumber, message);
    this.outgoingBytes += frame.length;
    if (!this.paused) {
      message.sent = true;
      this.put(frame);
    }
    this.scheduleResend();
  }

  /** Handles one binary frame from the transport. Never throws: problems go to onError. */
  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    let frame: SessionFrame;
    try {
      frame = decodeFrame(bytes, this.decodeOptions);
    } catch (error) {
      this.report(error);
      return;
    }
    switch (frame.messageType) {
      case MessageType.InputStreamData:
      case MessageType.OutputStreamData:
        // AWS's agent also takes any stream data or acknowledgement as the end of a pause (its
        // service pauses it while the client is away). Bosun's relay never pauses; a pause comes
        // from the other end, which holds it until its socket drained and then says
        // start_publication, while data and acknowledgements of the other direction go on.
        this.handleStream(frame);
        break;
      case MessageType.Acknowledge:
        this.handleAcknowledge(frame);
        break;
      case MessageType.ChannelClosed:
        this.handleChannelClosed(frame);
        break;
      case MessageType.PausePublication:
        this.setPaused(true);
        this.options.onPublication?.(false);
        break;
      case MessageType.StartPublication:
        this.setPaused(false);
        this.options.onPublication?.(true);
        break;
      default:
      // AWS: unknown message types are logged and ignored by both ends.
    }
  }

  /** Stops timers; later frames are ignored and sendStream throws. Sends nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelResendTimer?.();
    this.cancelResendTimer = null;
    this.incoming.clear();
  }

  private handleStream(frame: SessionFrame): void {
    if (frame.sequenceNumber === this.expectedSequenceNumber) {
      // Acknowledged before it is handled, as the plugin does for handshake messages, so an
      // answer the handler sends follows the acknowledgement on the wire.
      this.sendAcknowledge(frame);
      this.expectedSequenceNumber++;
      this.deliver(frame);
      for (;;) {
        const next = this.incoming.get(this.expectedSequenceNumber);
        if (!next) break;
        this.incoming.delete(this.expectedSequenceNumber);
        this.deliver(next);
        this.expectedSequenceNumber++;
        if (this.closed) return;
      }
    } else if (frame.sequenceNumber > this.expectedSequenceNumber) {
      // AWS: an early message is acknowledged and kept while the buffer has room; otherwise
      // it is dropped unacknowledged and the sender resends it.
      if (this.incoming.size < this.timing.incomingMessageBufferCapacity) {
        this.sendAcknowledge(frame);
        // The payload is a view into the transport's buffer; keep our own copy.
        this.incoming.set(frame.sequenceNumber, { ...frame, payload: frame.payload.slice() });
      }
    } else {
      // AWS (agent): acknowledge again a message already delivered, its first ack was lost.
      this.sendAcknowledge(frame);
    }
  }

  private deliver(frame: SessionFrame): void {
    try {
      this.options.onStream(frame.payloadType, frame.payload, frame);
    } catch (error) {
      this.report(error);
    }
  }

  private sendAcknowledge(frame: SessionFrame): void {
    if (this.closed) return;
    // The JSON the plugin marshals for AcknowledgeContent (field order and all), made by
    // template: the type is one of the two stream types and the id a UUID, so nothing needs escaping.
    const json = `{"AcknowledgedMessageType":"${frame.messageType}","AcknowledgedMessageId":"${frame.messageId}","AcknowledgedMessageSequenceNumber":${frame.sequenceNumber},"IsSequentialMessage":true}`;
    this.put(
      encodeFrame({
        messageType: MessageType.Acknowledge,
        schemaVersion: 1,
        createdDate: this.clock.now(),
        sequenceNumber: 0,
        // AWS: acknowledgements carry flags 3 (SYN|FIN) and sequence number 0.
        flags: FrameFlag.Syn | FrameFlag.Fin,
        payloadType: 0,
        payload: asciiBytes(json),
      }, this.encodeOptions),
    );
  }

  private handleAcknowledge(frame: SessionFrame): void {
    const sequenceNumber = acknowledgedSequenceNumber(frame.payload);
    if (sequenceNumber === undefined) {
      this.report(new SessionProtocolError('bad-payload', 'acknowledge payload has no AcknowledgedMessageSequenceNumber'));
      return;
    }
    const message = this.outgoing.get(sequenceNumber);
    if (!message) return;
    if (message.sent) this.updateRetransmissionTimeout(this.clock.now() - message.lastSentTime);
    this.outgoing.delete(message.sequenceNumber);
    this.outgoingBytes -= message.frame.length;
    this.options.onAcknowledge?.();
    if (this.outgoing.size === 0) {
      this.cancelResendTimer?.();
      this.cancelResendTimer = null;
      this.options.onDrain?.();
    }
  }

  /** AWS: Jacobson/Karels smoothing with the plugin's constants, capped at one second. */
  private updateRetransmissionTimeout(roundTripTime: number): void {
    const t = this.timing;
    this.roundTripTimeVariation =
      (1 - t.rttvConstant) * this.roundTripTimeVariation + t.rttvConstant * Math.abs(this.roundTripTime - roundTripTime);
    this.roundTripTime = (1 - t.rttConstant) * this.roundTripTime + t.rttConstant * roundTripTime;
    this.retransmissionTimeoutMs = Math.min(
      t.maxRetransmissionTimeoutMs,
      this.roundTripTime + Math.max(t.clockGranularityMs, 4 * this.roundTripTimeVariation),
    );
  }

  private handleChannelClosed(frame: SessionFrame): void {
    let info: ChannelClosedPayload;
    try {
      info = decodeJsonPayload<ChannelClosedPayload>(frame.payload, 'channel_closed payload');
    } catch {
      // AWS: the plugin closes even when the payload does not parse.
      info = { MessageId: frame.messageId, CreatedDate: '', DestinationId: '', SessionId: '', MessageType: 'channel_closed', SchemaVersion: 1, Output: '' };
    }
    this.close();
    this.options.onChannelClosed?.(info);
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (paused) return;
    // Unlike AWS (which then resends one message per resend tick), put everything held back
    // during the pause on the wire at once.
    const now = this.clock.now();
    for (const message of this.outgoing.values()) {
      if (message.sent) continue;
      message.sent = true;
      message.lastSentTime = now;
      this.put(message.frame);
    }
    this.scheduleResend();
  }

  private scheduleResend(): void {
    if (this.cancelResendTimer || this.closed || this.outgoing.size === 0) return;
    this.cancelResendTimer = this.clock.setTimer(() => {
      this.cancelResendTimer = null;
      this.resendTick();
    }, this.timing.resendSleepIntervalMs);
  }

  /**
   * AWS: every ResendSleepInterval the oldest unacknowledged message is resent when it has
   * waited longer than the retransmission timeout; nothing is resent while paused (and no tick
   * runs then: setPaused(false) starts them again).
   */
  private resendTick(): void {
    if (this.closed || this.paused) return;
    const oldest = this.outgoing.values().next().value as Outgoing | undefined;
    if (!oldest) return;
    const now = this.clock.now();
    if (!this.paused && oldest.sent && now - oldest.lastSentTime > this.retransmissionTimeoutMs) {
      if (oldest.resendAttempts >= this.timing.resendMaxAttempt) {
        this.report(
          new SessionProtocolError('closed', `message ${oldest.sequenceNumber} was resent ${oldest.resendAttempts} times without acknowledgement`),
        );
        this.close();
        return;
      }
      oldest.resendAttempts++;
      oldest.lastSentTime = now;
      this.put(oldest.frame);
    }
    this.scheduleResend();
  }

  /** A failing transport must not break the caller: the message stays queued for resending. */
  private put(frame: Uint8Array): void {
    try {
      this.options.send(frame);
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    if (this.options.onError) this.options.onError(err);
  }
}

/** Bytes of a string of ASCII characters (what the acknowledgement JSON is). */
function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

const SEQUENCE_KEY = '"AcknowledgedMessageSequenceNumber"';

/**
 * AcknowledgedMessageSequenceNumber of an acknowledgement payload, read without parsing the
 * whole JSON when it is laid out as both Go ends and we write it (`"…Number":<digits>`);
 * anything else is parsed as JSON. Undefined when it has none.
 */
function acknowledgedSequenceNumber(payload: Uint8Array): number | undefined {
  const text = latin1.decode(payload);
  const at = text.indexOf(SEQUENCE_KEY);
  if (at > 0 && text.indexOf(SEQUENCE_KEY, at + 1) < 0) {
    let i = at + SEQUENCE_KEY.length;
    if (text.charCodeAt(i) === 0x3a /* : */) {
      i++;
      let value = 0;
      let digits = 0;
      for (let c = text.charCodeAt(i); c >= 0x30 && c <= 0x39 && digits < 16; c = text.charCodeAt(++i), digits++) value = value * 10 + (c - 0x30);
      const next = text.charCodeAt(i);
      if (digits > 0 && (next === 0x2c /* , */ || next === 0x7d /* } */)) return value;
    }
  }
  try {
    const content = decodeJsonPayload<AcknowledgeContent>(payload, 'acknowledge payload');
    const n = content.AcknowledgedMessageSequenceNumber;
    return typeof n === 'number' ? n : undefined;
  } catch {
    return undefined;
  }
}

const latin1 = new TextDecoder('latin1');
