/**
 * The agent's end of one session's data channel, over any transport that carries binary frames:
 * the handshake (HandshakeRequest with the session type → the client's HandshakeResponse →
 * HandshakeComplete), then the SessionIo the session handlers use. Sequence numbers,
 * acknowledgements and retransmission are the shared DataChannel's (packages/protocol).
 */
import {
  ActionType,
  DataChannel,
  DataChannelTiming,
  PayloadType,
  SSM_AGENT_COMPAT_VERSION,
  decodeFlagPayload,
  decodeJsonPayload,
  decodeSizePayload,
  encodeExitCodePayload,
  encodeFlagPayload,
  encodeJsonPayload,
  type HandshakeCompletePayload,
  type HandshakeRequestPayload,
  type HandshakeResponsePayload,
  type PayloadTypeFlagNumber,
} from '@bosun/protocol/session/index';
import type { SessionTypeName } from '@bosun/protocol/agent/messages';
import type { SessionIo } from './session-io';

export interface FrameTransport {
  send(frame: Uint8Array): void;
  /** The transport guarantees integrity (TLS, loopback): incoming payload digests are not checked. */
  intact?: boolean;
}

/**
 * A sliding window on output: handlers pause their source at BACKLOG_HIGH unacknowledged bytes
 * and drain listeners tell them to go on once it fell below BACKLOG_LOW.
 */
const BACKLOG_HIGH = 8 * 1024 * 1024;
const BACKLOG_LOW = 4 * 1024 * 1024;

export class HandshakeError extends Error {}

type Listener<A extends unknown[]> = ((...args: A) => void) | undefined;

export class AgentDataChannel {
  readonly channel: DataChannel;
  private clientVersion = '';
  private handshakeWaiter: ((response: HandshakeResponsePayload) => void) | undefined;
  /** Client payloads that arrive before the handler listens (it may still be starting a shell). */
  private early: { type: number; payload: Uint8Array }[] = [];
  private onInput: Listener<[Uint8Array]>;
  private onSize: Listener<[number, number]>;
  private onFlag: Listener<[number]>;
  private readonly drainListeners: (() => void)[] = [];
  /** A handler was told it is backlogged and waits for a drain listener call. */
  private windowClosed = false;
  private readonly drainWaiters: (() => void)[] = [];
  private closedListener: Listener<[string]>;

  constructor(transport: FrameTransport, private readonly log: (message: string, fields?: Record<string, unknown>) => void = () => {}) {
    this.channel = new DataChannel({
      role: 'agent',
      // The plugin reads output messages of any length (AWS's agent sends 1 KiB); fewer, larger
      // messages mean fewer acknowledgements and frames to hash.
      maxPayloadSize: DataChannelTiming.bosunPayloadSize,
      verifyDigest: !transport.intact,
      send: (frame) => transport.send(frame),
      onStream: (type, payload) => this.onStream(type, payload),
      onAcknowledge: () => {
        if (!this.windowClosed || this.channel.unacknowledgedBytes >= BACKLOG_LOW) return;
        this.windowClosed = false;
        for (const listener of this.drainListeners) listener();
      },
      onDrain: () => {
        for (const waiter of this.drainWaiters.splice(0)) waiter();
      },
      onChannelClosed: (info) => this.closedListener?.(info.Output || 'the channel was closed'),
      onError: (error) => this.log('data channel error', { error: error.message }),
    });
  }

  receive(frame: Uint8Array): void {
    this.channel.receive(frame);
  }

  /** Called when the service closes the channel (channel_closed) or the data channel gives up. */
  onClosed(listener: (why: string) => void): void {
    this.closedListener = listener;
  }

  /**
   * AWS: the agent opens with a HandshakeRequest asking the client to run the session type's
   * plugin (RequestedClientActions: SessionType) and reports its version, which tells the plugin
   * to multiplex ports with smux and keep smux keep-alive off.
   */
  async handshake(sessionType: SessionTypeName, properties: Record<string, unknown>, signal: AbortSignal): Promise<string> {
    const started = Date.now();
    const request: HandshakeRequestPayload = {
      AgentVersion: SSM_AGENT_COMPAT_VERSION,
      RequestedClientActions: [{ ActionType: ActionType.SessionType, ActionParameters: { SessionType: sessionType, Properties: properties } }],
      // Bosun extension (ignored by the plugin): a Bosun client may send messages this large.
      BosunMaxPayloadSize: DataChannelTiming.bosunPayloadSize,
      // Bosun extension (ignored by the plugin): a Bosun client need not compute digests for us.
      ...(this.channel.verifiesDigests ? {} : { BosunUncheckedDigests: true }),
    };
    const response = await new Promise<HandshakeResponsePayload>((resolve, reject) => {
      const timer = setTimeout(() => done(new HandshakeError(`the client did not answer the handshake within ${DataChannelTiming.handshakeTimeoutMs / 1000} s`)), DataChannelTiming.handshakeTimeoutMs);
      const onAbort = () => done(new HandshakeError(`the session ended during the handshake: ${String(signal.reason ?? 'terminated')}`));
      const done = (result: HandshakeResponsePayload | Error) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.handshakeWaiter = undefined;
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.handshakeWaiter = done;
      this.channel.sendStream(PayloadType.HandshakeRequest, encodeJsonPayload(request));
    });
    const failed = (response.ProcessedClientActions ?? []).find((a) => a.ActionType === ActionType.SessionType && a.ActionStatus !== 1);
    if (failed) throw new HandshakeError(`the client cannot run a ${sessionType} session: ${failed.Error || 'unsupported'}`);
    this.clientVersion = String(response.ClientVersion ?? '');
    // A Bosun client that does not check digests: ours stay zero from HandshakeComplete on.
    if (response.BosunUncheckedDigests === true) this.channel.sendsDigests = false;
    const complete: HandshakeCompletePayload = {
      // AWS: a Go time.Duration, nanoseconds
      HandshakeTimeToComplete: (Date.now() - started) * 1_000_000,
      CustomerMessage: '',
    };
    this.channel.sendStream(PayloadType.HandshakeComplete, encodeJsonPayload(complete));
    return this.clientVersion;
  }

  private onStream(type: number, payload: Uint8Array): void {
    if (type === PayloadType.HandshakeResponse) {
      this.handshakeWaiter?.(decodeJsonPayload<HandshakeResponsePayload>(payload, 'handshake response'));
      return;
    }
    const listener = type === PayloadType.Output ? this.onInput : type === PayloadType.Size ? this.onSize : type === PayloadType.Flag ? this.onFlag : undefined;
    if (!listener && (type === PayloadType.Output || type === PayloadType.Size || type === PayloadType.Flag)) {
      this.early.push({ type, payload: payload.slice() });
      return;
    }
    this.dispatch(type, payload);
  }

  private dispatch(type: number, payload: Uint8Array): void {
    if (type === PayloadType.Output) this.onInput?.(payload);
    else if (type === PayloadType.Size) {
      const size = decodeSizePayload(payload);
      this.onSize?.(size.cols, size.rows);
    } else if (type === PayloadType.Flag) this.onFlag?.(decodeFlagPayload(payload));
  }

  private replayEarly(type: number): void {
    const keep: typeof this.early = [];
    for (const item of this.early) {
      if (item.type === type) this.dispatch(item.type, item.payload);
      else keep.push(item);
    }
    this.early = keep;
  }

  /** Resolves once the client has acknowledged everything sent (or after `timeoutMs`). */
  flush(timeoutMs: number): Promise<boolean> {
    if (this.channel.unacknowledged === 0 || this.channel.isClosed) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.drainWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  close(): void {
    this.channel.close();
    for (const waiter of this.drainWaiters.splice(0)) waiter();
  }

  /** The handlers' view (valid after the handshake). */
  get io(): SessionIo {
    const self = this;
    const send = (type: number, bytes: Uint8Array) => {
      if (!self.channel.isClosed) self.channel.sendStream(type, bytes);
    };
    return {
      get clientVersion() {
        return self.clientVersion;
      },
      output: (bytes) => send(PayloadType.Output, bytes),
      outputInPlace: (length, fill) => {
        if (!self.channel.isClosed) self.channel.sendStreamInPlace(PayloadType.Output, length, fill);
      },
      get maxMessage() {
        return self.channel.payloadSize;
      },
      stderr: (bytes) => send(PayloadType.StdErr, bytes),
      flag: (flag) => send(PayloadType.Flag, encodeFlagPayload(flag as PayloadTypeFlagNumber)),
      exitCode: (code) => send(PayloadType.ExitCode, encodeExitCodePayload(code)),
      get backlogged() {
        if (self.channel.unacknowledgedBytes < BACKLOG_HIGH) return false;
        self.windowClosed = true;
        return true;
      },
      onDrain: (listener) => void self.drainListeners.push(listener),
      holdInput: (held) => {
        if (!self.channel.isClosed) self.channel.holdPeer(held);
      },
      onInput: (listener) => {
        self.onInput = listener;
        self.replayEarly(PayloadType.Output);
      },
      onSize: (listener) => {
        self.onSize = listener;
        self.replayEarly(PayloadType.Size);
      },
      onFlag: (listener) => {
        self.onFlag = listener;
        self.replayEarly(PayloadType.Flag);
      },
    };
  }
}
