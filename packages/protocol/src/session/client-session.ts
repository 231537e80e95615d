/**
 * The client end of a session (bosun CLI, web console, benchmarks): what the
 * session-manager-plugin does, over a WebSocket to the StreamUrl of StartSession.
 *
 * AWS: sessionmanagerplugin/session/sessionhandler.go opens the channel with an
 * OpenDataChannelInput TEXT frame, datachannel/streaming.go answers the agent's HandshakeRequest,
 * and the session starts on HandshakeComplete; shellsession and portsession/muxportforwarding.go
 * do the rest.
 */
import type { SessionClock } from './clock';
import { ActionStatus, ActionType, DataChannelTiming, PayloadType, PayloadTypeFlag, SESSION_CLIENT_VERSION, SessionType } from './constants';
import { DataChannel } from './datachannel';
import { SessionProtocolError } from './errors';
import { newMessageId } from './frame';
import {
  decodeExitCodePayload,
  decodeFlagPayload,
  decodeJsonPayload,
  encodeFlagPayload,
  encodeJsonPayload,
  encodeSizePayload,
  type HandshakeCompletePayload,
  type HandshakeRequestPayload,
  type HandshakeResponsePayload,
  type OpenDataChannelInput,
  type ProcessedClientAction,
  type SessionTypeRequest,
} from './payloads';
import { SmuxSession, type SmuxStream } from './smux';
import { bindSocket, type WebSocketLike } from './socket';
import { agentDisablesSmuxKeepAlive, agentSupportsMultiplexing, SMUX_KEEPALIVE_INTERVAL_MS } from './version';

export interface SessionReadyInfo {
  /** As the plugin sees it: InteractiveCommands and NonInteractiveCommands run as Standard_Stream. */
  sessionType: string;
  properties: Record<string, unknown>;
  agentVersion: string;
  /** Text the agent wants shown to the user (empty when none). */
  customerMessage: string;
  /** True when port streams go over smux (openStream works). */
  multiplexed: boolean;
}

export interface SessionCloseInfo {
  /** True when the service sent channel_closed; false when the socket dropped or close() was called. */
  byService: boolean;
  /** channel_closed's Output (what the plugin prints), or why the session ended here. */
  output: string;
}

export interface ClientSessionOptions {
  socket: WebSocketLike;
  /** TokenValue from StartSession (or ResumeSession). */
  tokenValue: string;
  clientId?: string;
  clientVersion?: string;
  clock?: SessionClock;
  /**
   * Largest Output payload per message: 1024 as AWS sends, raised to what a Bosun agent says it
   * reads (HandshakeRequest BosunMaxPayloadSize) up to this value (default
   * DataChannelTiming.bosunPayloadSize). Set 1024 to keep AWS's size.
   */
  maxPayloadSize?: number;
  /** Check incoming payload digests (default true); see DataChannelOptions.verifyDigest. */
  verifyDigest?: boolean;
  onReady?(info: SessionReadyInfo): void;
  /** Shell or non-multiplexed port data from the agent. */
  onOutput?(bytes: Uint8Array, stream: 'stdout' | 'stderr'): void;
  onExit?(code: number): void;
  /** The agent could not connect to the destination port (Flag ConnectToPortError). */
  onPortError?(): void;
  /** The socket dropped without channel_closed; call resume() with a new socket to carry on. Without this handler the session closes. */
  onDisconnect?(code: number, reason: string): void;
  onClose?(info: SessionCloseInfo): void;
  onError?(error: Error): void;
}

export class ClientSession {
  readonly clientId: string;
  /** Resolves on HandshakeComplete; never rejects (race it with `closed`). */
  readonly ready: Promise<SessionReadyInfo>;
  readonly closed: Promise<SessionCloseInfo>;
  private readonly options: ClientSessionOptions;
  private readonly channel: DataChannel;
  private socket: WebSocketLike;
  private tokenValue: string;
  private sessionType = '';
  private properties: Record<string, unknown> = {};
  private agentVersion = '';
  private info: SessionReadyInfo | null = null;
  private smux: SmuxSession | null = null;
  /** Input written before HandshakeComplete; the plugin only starts reading input after it. */
  private queued: [number, Uint8Array][] = [];
  private lastSize = '';
  private drainWaiters: (() => void)[] = [];
  private windowWaiters: { below: number; resolve: () => void }[] = [];
  private resolveReady!: (info: SessionReadyInfo) => void;
  private resolveClosed!: (info: SessionCloseInfo) => void;
  private isClosed = false;

  constructor(options: ClientSessionOptions) {
    this.options = options;
    this.socket = options.socket;
    this.tokenValue = options.tokenValue;
    this.clientId = options.clientId ?? newMessageId();
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.channel = new DataChannel({
      role: 'client',
      clock: options.clock,
      maxPayloadSize: DataChannelTiming.streamDataPayloadSize,
      verifyDigest: options.verifyDigest,
      send: (frame) => this.socket.send(frame),
      onStream: (type, payload) => this.onStream(type, payload),
      onChannelClosed: (info) => {
        if (typeof info.ExitCode === 'number' && !this.exitReported) this.reportExit(info.ExitCode);
        this.finish({ byService: true, output: info.Output });
      },
      onDrain: () => this.drainWaiters.splice(0).forEach((w) => w()),
      onAcknowledge: () => {
        if (this.windowWaiters.length === 0) return;
        const bytes = this.channel.unacknowledgedBytes;
        this.windowWaiters = this.windowWaiters.filter((w) => {
          if (bytes >= w.below) return true;
          w.resolve();
          return false;
        });
      },
      onError: (error) => options.onError?.(error),
    });
    this.attach(this.socket);
  }

  get readyInfo(): SessionReadyInfo | null {
    return this.info;
  }

  /** Keystrokes or bytes for the session (Output payload, as the plugin sends stdin). */
  write(bytes: Uint8Array): void {
    if (this.info?.multiplexed) throw new SessionProtocolError('bad-payload', 'a multiplexed port session carries data in streams: use openStream()');
    // AWS: the plugin turns a lone "\n" into "\r" (Enter) for shells; never for port data.
    if (this.sessionType !== SessionType.Port && bytes.length === 1 && bytes[0] === 10) bytes = Uint8Array.of(13);
    this.sendInput(PayloadType.Output, bytes);
  }

  /** The terminal size (Size payload {"cols","rows"}); repeated sizes are not resent. */
  resize(cols: number, rows: number): void {
    const key = `${cols}x${rows}`;
    if (key === this.lastSize) return;
    this.lastSize = key;
    this.sendInput(PayloadType.Size, encodeSizePayload(cols, rows));
  }

  /** A new TCP-like stream to the session's destination port (multiplexed Port sessions only). */
  openStream(): SmuxStream {
    if (!this.smux) throw new SessionProtocolError('bad-payload', 'this session does not multiplex streams (not a LocalPortForwarding Port session, or not ready)');
    return this.smux.openStream();
  }

  /**
   * Asks the agent to end the session (Flag TerminateSession, as the plugin does for port
   * sessions on Ctrl-C) and resolves once the agent has acknowledged it. The service then
   * closes the channel; call TerminateSession through the API as well to be sure.
   */
  terminate(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    // The flag must reach the agent even while it holds us back (pause_publication): it comes
    // after every message held, so those go too (what they carry waits there, bounded by our window).
    this.channel.resumePublication();
    this.channel.sendStream(PayloadType.Flag, encodeFlagPayload(PayloadTypeFlag.TerminateSession));
    return this.drained();
  }

  /** Resolves when everything sent so far has been acknowledged (or the session closed). */
  drained(): Promise<void> {
    if (this.channel.unacknowledged === 0 || this.isClosed) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Bytes sent (whole frames) that the agent has not acknowledged yet. */
  get unacknowledgedBytes(): number {
    return this.channel.unacknowledgedBytes;
  }

  /**
   * Resolves once fewer than `bytes` are unacknowledged (or the session closed): a sender keeps
   * a sliding window with it, pausing above a high mark and going on below a lower one.
   */
  windowBelow(bytes: number): Promise<void> {
    if (this.channel.unacknowledgedBytes < bytes || this.isClosed) return Promise.resolve();
    return new Promise((resolve) => this.windowWaiters.push({ below: bytes, resolve }));
  }

  /**
   * Receive-side flow control: asks the agent to stop sending (pause_publication) while what it
   * sent cannot be handed on, and to go on (start_publication) after. A Bosun agent honours it;
   * AWS's agent may not. Input and acknowledgements keep flowing either way.
   */
  holdPeer(held: boolean): void {
    if (!this.isClosed) this.channel.holdPeer(held);
  }

  /** Carries on over a new socket (after ResumeSession): unacknowledged messages are resent. */
  resume(socket: WebSocketLike, tokenValue: string): void {
    if (this.isClosed) throw new SessionProtocolError('closed', 'the session is closed');
    this.socket = socket;
    this.tokenValue = tokenValue;
    this.attach(socket);
  }

  /** Closes the socket and stops, without telling the agent (use terminate() for that). */
  close(): void {
    this.finish({ byService: false, output: 'closed by the client' });
  }

  private attach(socket: WebSocketLike): void {
    bindSocket(socket, {
      open: () => {
        const input: OpenDataChannelInput = {
          MessageSchemaVersion: '1.0',
          RequestId: newMessageId(),
          TokenValue: this.tokenValue,
          ClientId: this.clientId,
          ClientVersion: this.options.clientVersion ?? SESSION_CLIENT_VERSION,
        };
        socket.send(JSON.stringify(input));
        // A start_publication sent while the old socket was going down may be lost.
        this.channel.repeatHold();
      },
      frame: (bytes) => {
        if (socket === this.socket) this.channel.receive(bytes);
      },
      close: (code, reason) => {
        if (socket !== this.socket || this.isClosed) return;
        if (this.options.onDisconnect) this.options.onDisconnect(code, reason);
        else this.finish({ byService: false, output: reason || `the connection closed (${code})` });
      },
    });
  }

  private sendInput(type: number, payload: Uint8Array): void {
    if (this.isClosed) throw new SessionProtocolError('closed', 'the session is closed');
    if (this.info) this.channel.sendStream(type, payload);
    else this.queued.push([type, payload.slice()]);
  }

  private onStream(type: number, payload: Uint8Array): void {
    switch (type) {
      case PayloadType.HandshakeRequest:
        this.answerHandshake(decodeJsonPayload<HandshakeRequestPayload>(payload, 'handshake request'));
        return;
      case PayloadType.HandshakeComplete:
        this.start(decodeJsonPayload<HandshakeCompletePayload>(payload, 'handshake complete'));
        return;
      case PayloadType.Output:
        if (this.smux) this.smux.receive(payload);
        else this.options.onOutput?.(payload, 'stdout');
        return;
      case PayloadType.StdErr:
        this.options.onOutput?.(payload, 'stderr');
        return;
      case PayloadType.ExitCode:
        this.reportExit(decodeExitCodePayload(payload));
        return;
      case PayloadType.Flag:
        if (decodeFlagPayload(payload) === PayloadTypeFlag.ConnectToPortError) this.options.onPortError?.();
        return;
      default:
      // AWS: the plugin displays any other payload of a shell; nothing else is defined for clients.
    }
  }

  private answerHandshake(request: HandshakeRequestPayload): void {
    this.agentVersion = String(request.AgentVersion ?? '');
    // Bosun: an agent that does not check digests lets us skip computing them.
    if (request.BosunUncheckedDigests === true) this.channel.sendsDigests = false;
    const agentReads = request.BosunMaxPayloadSize;
    if (typeof agentReads === 'number' && Number.isInteger(agentReads) && agentReads > DataChannelTiming.streamDataPayloadSize) {
      this.channel.payloadSize = Math.min(agentReads, this.options.maxPayloadSize ?? DataChannelTiming.bosunPayloadSize);
    }
    const processed: ProcessedClientAction[] = [];
    const errors: string[] = [];
    for (const action of request.RequestedClientActions ?? []) {
      if (action.ActionType === ActionType.SessionType) {
        const params = (action.ActionParameters ?? {}) as Partial<SessionTypeRequest>;
        const known: string[] = Object.values(SessionType);
        if (typeof params.SessionType === 'string' && known.includes(params.SessionType)) {
          // AWS: the plugin runs InteractiveCommands and NonInteractiveCommands as Standard_Stream.
          this.sessionType = params.SessionType === SessionType.Port ? SessionType.Port : SessionType.StandardStream;
          this.properties = (params.Properties ?? {}) as Record<string, unknown>;
          processed.push({ ActionType: action.ActionType, ActionStatus: ActionStatus.Success, ActionResult: null, Error: '' });
        } else {
          const error = `Unknown session type ${String(params.SessionType)}`;
          errors.push(error);
          processed.push({ ActionType: action.ActionType, ActionStatus: ActionStatus.Failed, ActionResult: null, Error: `Failed to process action SessionType: ${error}` });
        }
      } else {
        // Bosun clients do not do KMS session encryption; the agent then refuses the session.
        const error = `Unsupported action ${action.ActionType}`;
        errors.push(error);
        processed.push({ ActionType: action.ActionType, ActionStatus: ActionStatus.Unsupported, ActionResult: null, Error: error });
      }
    }
    const response: HandshakeResponsePayload = {
      ClientVersion: this.options.clientVersion ?? SESSION_CLIENT_VERSION,
      ProcessedClientActions: processed,
      Errors: errors.length ? errors : null,
      ...(this.channel.verifiesDigests ? {} : { BosunUncheckedDigests: true }),
    };
    this.channel.sendStream(PayloadType.HandshakeResponse, encodeJsonPayload(response));
  }

  private start(complete: HandshakeCompletePayload): void {
    if (this.info) return;
    const multiplexed =
      this.sessionType === SessionType.Port &&
      this.properties.type === 'LocalPortForwarding' &&
      agentSupportsMultiplexing(this.agentVersion);
    if (multiplexed) {
      this.smux = new SmuxSession({
        role: 'client',
        clock: this.options.clock,
        send: (bytes) => {
          if (!this.isClosed) this.channel.sendStream(PayloadType.Output, bytes);
        },
        sendInPlace: (length, fill) => {
          if (!this.isClosed) this.channel.sendStreamInPlace(PayloadType.Output, length, fill);
        },
        messageSize: () => this.channel.payloadSize,
        keepAliveIntervalMs: agentDisablesSmuxKeepAlive(this.agentVersion) ? 0 : SMUX_KEEPALIVE_INTERVAL_MS,
        onError: (error) => this.options.onError?.(error),
      });
    }
    this.info = {
      sessionType: this.sessionType,
      properties: this.properties,
      agentVersion: this.agentVersion,
      customerMessage: String(complete.CustomerMessage ?? ''),
      multiplexed,
    };
    for (const [type, payload] of this.queued.splice(0)) this.channel.sendStream(type, payload);
    this.resolveReady(this.info);
    this.options.onReady?.(this.info);
  }

  private exitReported = false;

  /** The exit code arrives once: an ExitCode payload (non-interactive commands) or channel_closed. */
  private reportExit(code: number): void {
    this.exitReported = true;
    this.options.onExit?.(code);
  }

  private finish(info: SessionCloseInfo): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.channel.close();
    this.smux?.close();
    this.drainWaiters.splice(0).forEach((w) => w());
    this.windowWaiters.splice(0).forEach((w) => w.resolve());
    try {
      this.socket.close(1000);
    } catch {
      // already closed
    }
    this.resolveClosed(info);
    this.options.onClose?.(info);
  }
}
