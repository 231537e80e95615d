/**
 * The agent end of a session: what amazon-ssm-agent's data channel does
 * (agent/session/datachannel/datachannel.go PerformHandshake; plugins/port/port_mux.go).
 * Sends the HandshakeRequest at once, waits for the client's HandshakeResponse, sends
 * HandshakeComplete, then carries input, sizes and flags in and output, exit codes out; for
 * multiplexed Port sessions it runs the smux server and hands each stream the client opens to
 * `onStream`.
 */
import { systemClock, type SessionClock } from './clock';
import { ActionStatus, ActionType, DataChannelTiming, PayloadType, PayloadTypeFlag, SessionType, SSM_AGENT_COMPAT_VERSION, type PayloadTypeFlagNumber, type SessionTypeName } from './constants';
import { DataChannel } from './datachannel';
import { SessionProtocolError } from './errors';
import {
  decodeFlagPayload,
  decodeJsonPayload,
  decodeSizePayload,
  encodeExitCodePayload,
  encodeFlagPayload,
  encodeJsonPayload,
  type AgentDataChannelOpen,
  type HandshakeCompletePayload,
  type HandshakeRequestPayload,
  type HandshakeResponsePayload,
  type SizeData,
} from './payloads';
import { SmuxSession, type SmuxStream } from './smux';
import { bindSocket, type WebSocketLike } from './socket';
import type { SessionCloseInfo } from './client-session';
import { clientDisablesSmuxKeepAlive, clientSupportsMultiplexing, SMUX_KEEPALIVE_INTERVAL_MS } from './version';

export interface AgentSessionOptions {
  socket: WebSocketLike;
  /** Sent as the first TEXT frame (Bosun's relay authenticates the agent with it). */
  hello?: AgentDataChannelOpen;
  sessionType: SessionTypeName;
  /** The session document's properties, sent to the client in the HandshakeRequest. */
  properties: Record<string, unknown>;
  agentVersion?: string;
  clock?: SessionClock;
  /**
   * Largest Output payload per message (default DataChannelTiming.bosunPayloadSize: the plugin
   * reads any length; AWS's agent sends 1024). Also what the HandshakeRequest tells a Bosun
   * client it may send.
   */
  maxPayloadSize?: number;
  /** Check incoming payload digests (default true); see DataChannelOptions.verifyDigest. */
  verifyDigest?: boolean;
  handshakeTimeoutMs?: number;
  /** Client input (Output payloads) of a shell or a non-multiplexed port session. */
  onInput?(bytes: Uint8Array): void;
  onResize?(size: SizeData): void;
  /** Flag payloads; TerminateSession means the client wants the session ended. */
  onFlag?(flag: number): void;
  /** A stream the client opened in a multiplexed Port session: connect it to the destination. */
  onStream?(stream: SmuxStream): void;
  onClose?(info: SessionCloseInfo): void;
  onError?(error: Error): void;
}

export class AgentSession {
  /** Resolves with the client's version once HandshakeComplete is sent; rejects on timeout or refusal. */
  readonly handshake: Promise<{ clientVersion: string; multiplexed: boolean }>;
  readonly closed: Promise<SessionCloseInfo>;
  private readonly options: AgentSessionOptions;
  private readonly channel: DataChannel;
  private readonly clock: SessionClock;
  private smux: SmuxSession | null = null;
  private complete = false;
  /** Client messages that came before HandshakeComplete went out. */
  private early: [number, Uint8Array][] = [];
  private startedAt = 0;
  private cancelTimeout: (() => void) | null = null;
  private settleHandshake!: (result: HandshakeResponsePayload | Error) => void;
  private resolveClosed!: (info: SessionCloseInfo) => void;
  private drainWaiters: (() => void)[] = [];
  private isClosed = false;

  constructor(options: AgentSessionOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.channel = new DataChannel({
      role: 'agent',
      clock: options.clock,
      maxPayloadSize: options.maxPayloadSize ?? DataChannelTiming.bosunPayloadSize,
      verifyDigest: options.verifyDigest,
      send: (frame) => options.socket.send(frame),
      onStream: (type, payload) => this.onStream(type, payload),
      onChannelClosed: (info) => this.finish({ byService: true, output: info.Output }),
      onDrain: () => this.drainWaiters.splice(0).forEach((w) => w()),
      onError: (error) => options.onError?.(error),
    });
    const response = new Promise<HandshakeResponsePayload>((resolve, reject) => {
      this.settleHandshake = (result) => {
        this.cancelTimeout?.();
        this.cancelTimeout = null;
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
    });
    this.handshake = response.then((r) => this.completeHandshake(r));
    // AWS: a failed handshake cancels the session. (Also keeps an unawaited rejection quiet.)
    this.handshake.catch((error: Error) => this.finish({ byService: false, output: error.message }));
    bindSocket(options.socket, {
      open: () => this.start(),
      frame: (bytes) => this.channel.receive(bytes),
      close: (code, reason) => this.finish({ byService: false, output: reason || `the connection closed (${code})` }),
    });
  }

  get multiplexed(): boolean {
    return this.smux !== null;
  }

  /** Shell output or non-multiplexed port data. */
  write(bytes: Uint8Array): void {
    this.send(PayloadType.Output, bytes);
  }

  writeStderr(bytes: Uint8Array): void {
    this.send(PayloadType.StdErr, bytes);
  }

  /** AWS: sent as the text "EXIT_CODE: <n>"; the agent sends it for NonInteractiveCommands (the plugin prints it). */
  sendExitCode(code: number): void {
    this.send(PayloadType.ExitCode, encodeExitCodePayload(code));
  }

  sendFlag(flag: PayloadTypeFlagNumber): void {
    this.send(PayloadType.Flag, encodeFlagPayload(flag));
  }

  /**
   * The destination refused a stream: tell the client (Flag ConnectToPortError) and close the
   * stream, as amazon-ssm-agent does.
   */
  refuseStream(stream: SmuxStream): void {
    this.sendFlag(PayloadTypeFlag.ConnectToPortError);
    stream.end();
  }

  /**
   * Resolves true once the client has acknowledged everything, false after `timeoutMs`.
   * AWS: the agent waits up to 2 s for its buffer to empty before it closes (PrepareToCloseChannel).
   */
  drain(timeoutMs = 2000): Promise<boolean> {
    if (this.channel.unacknowledged === 0 || this.isClosed) return Promise.resolve(this.channel.unacknowledged === 0);
    return new Promise((resolve) => {
      const cancel = this.clock.setTimer(() => resolve(false), timeoutMs);
      this.drainWaiters.push(() => {
        cancel();
        resolve(true);
      });
    });
  }

  /**
   * Receive-side flow control: asks the client to stop sending (pause_publication) while its
   * input cannot be handed on, and to go on (start_publication) after. A Bosun client honours
   * it; the plugin ignores it. Output and acknowledgements keep flowing either way.
   */
  holdPeer(held: boolean): void {
    if (!this.isClosed) this.channel.holdPeer(held);
  }

  close(): void {
    this.finish({ byService: false, output: 'closed by the agent' });
  }

  private send(type: number, payload: Uint8Array): void {
    if (this.isClosed) throw new SessionProtocolError('closed', 'the session is closed');
    this.channel.sendStream(type, payload);
  }

  private start(): void {
    if (this.options.hello) this.options.socket.send(JSON.stringify(this.options.hello));
    this.startedAt = this.clock.now();
    const request: HandshakeRequestPayload = {
      AgentVersion: this.options.agentVersion ?? SSM_AGENT_COMPAT_VERSION,
      RequestedClientActions: [
        { ActionType: ActionType.SessionType, ActionParameters: { SessionType: this.options.sessionType, Properties: this.options.properties } },
      ],
      BosunMaxPayloadSize: this.options.maxPayloadSize ?? DataChannelTiming.bosunPayloadSize,
      ...(this.channel.verifiesDigests ? {} : { BosunUncheckedDigests: true }),
    };
    this.channel.sendStream(PayloadType.HandshakeRequest, encodeJsonPayload(request));
    const timeoutMs = this.options.handshakeTimeoutMs ?? DataChannelTiming.handshakeTimeoutMs;
    // AWS: the agent's words when the client does not answer in time.
    this.cancelTimeout = this.clock.setTimer(
      () => this.settleHandshake(new SessionProtocolError('closed', 'Handshake timed out. Please ensure that you have the latest version of the session manager plugin.')),
      timeoutMs,
    );
  }

  private completeHandshake(response: HandshakeResponsePayload): { clientVersion: string; multiplexed: boolean } {
    for (const action of response.ProcessedClientActions ?? []) {
      if (action.ActionStatus !== ActionStatus.Success) {
        throw new SessionProtocolError('bad-payload', `${action.ActionType} failed on client with status ${action.ActionStatus} error: ${action.Error}`);
      }
    }
    const clientVersion = String(response.ClientVersion ?? '');
    // Bosun: a client that does not check digests lets us skip computing them.
    if (response.BosunUncheckedDigests === true) this.channel.sendsDigests = false;
    if (this.options.sessionType === SessionType.Port && this.options.properties.type === 'LocalPortForwarding' && clientSupportsMultiplexing(clientVersion)) {
      this.smux = new SmuxSession({
        role: 'server',
        clock: this.options.clock,
        send: (bytes) => {
          if (!this.isClosed) this.channel.sendStream(PayloadType.Output, bytes);
        },
        sendInPlace: (length, fill) => {
          if (!this.isClosed) this.channel.sendStreamInPlace(PayloadType.Output, length, fill);
        },
        messageSize: () => this.channel.payloadSize,
        // Clients at or below 1.2.331.0 keep their smux keep-alive on; NOPs keep them content.
        // Bosun never closes an idle stream for want of NOPs (the plugin sends none to new agents).
        keepAliveIntervalMs: clientDisablesSmuxKeepAlive(clientVersion) ? 0 : SMUX_KEEPALIVE_INTERVAL_MS,
        onStream: (stream) => this.options.onStream?.(stream),
        onError: (error) => this.options.onError?.(error),
      });
    }
    const complete: HandshakeCompletePayload = {
      HandshakeTimeToComplete: Math.max(0, this.clock.now() - this.startedAt) * 1_000_000,
      CustomerMessage: '',
    };
    this.channel.sendStream(PayloadType.HandshakeComplete, encodeJsonPayload(complete));
    this.complete = true;
    for (const [type, payload] of this.early.splice(0)) this.dispatch(type, payload);
    return { clientVersion, multiplexed: this.smux !== null };
  }

  private onStream(type: number, payload: Uint8Array): void {
    if (type === PayloadType.HandshakeResponse) {
      try {
        this.settleHandshake(decodeJsonPayload<HandshakeResponsePayload>(payload, 'handshake response'));
      } catch (error) {
        this.settleHandshake(error as Error);
      }
      return;
    }
    // AWS drops client data that comes before the handshake ends; Bosun keeps it for afterwards.
    if (!this.complete) this.early.push([type, payload.slice()]);
    else this.dispatch(type, payload);
  }

  private dispatch(type: number, payload: Uint8Array): void {
    switch (type) {
      case PayloadType.Output:
        if (this.smux) this.smux.receive(payload);
        else this.options.onInput?.(payload);
        break;
      case PayloadType.Size:
        this.options.onResize?.(decodeSizePayload(payload));
        break;
      case PayloadType.Flag:
        this.options.onFlag?.(decodeFlagPayload(payload));
        break;
      default:
    }
  }

  private finish(info: SessionCloseInfo): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.channel.close();
    this.smux?.close();
    this.settleHandshake(new SessionProtocolError('closed', `the session ended during the handshake: ${info.output}`));
    this.drainWaiters.splice(0).forEach((w) => w());
    try {
      this.options.socket.close(1000);
    } catch {
      // already closed
    }
    this.resolveClosed(info);
    this.options.onClose?.(info);
  }
}
