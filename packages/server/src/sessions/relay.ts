/**
 * The Session Manager relay. Two WebSockets meet here per session: the client's
 * (`/v1/data-channel/<id>`: session-manager-plugin, bosun CLI, console) and the node's
 * (`/agent/v1/session/<id>`). Frames pass through unchanged — acknowledgements, sequence
 * numbers and the handshake are end to end — while the relay records shells, watches for
 * idleness, enforces the maximum duration and, when a session ends, tells the client with a
 * `channel_closed` frame and closes both ends.
 *
 * A session lives in the process that relays it. On PostgreSQL with several replicas, that is
 * the replica holding the node's channel: StartSession through another replica leaves the start
 * to it (`start_message`, picked up by its watch), and a client or node socket that lands on
 * another replica is passed through to it (replica-proxy.ts).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SESSION_PATH_PREFIX, type SessionEndedMessage, type SessionStartMessage } from '@bosun/protocol/agent/messages';
import { MessageType, decodeFrame, encodeFrame, encodeJsonPayload, newMessageId, type ChannelClosedPayload, type SessionFrame } from '@bosun/protocol/session/index';
import type { AgentHub } from '../agents/index';
import { isPlainRemote, type TrustProxy } from '../agents/transport';
import type { ServerContext } from '../operations/dispatch';
import { blobsOf } from '../blobs/index';
import { endSession, findSession, liveSessionIds, updateSession, type SessionRow } from '../features/sessions/store';
import { hashToken, newToken, tokenMatches } from '../features/sessions/ids';
import { ACTIVE_STATUSES } from '../features/sessions/statuses';
import { dialectOf } from '../db/index';
import { proxyUpgrade } from './replica-proxy';
import { auditSessionEnd, emitSessionState } from '../features/sessions/session-events';
import { trace } from '@bosun/protocol/session/trace';
import { SessionRecorder } from './recorder';
import { agentConnectTimeoutMs, replicaHeartbeatInterval, sessionMinuteMs } from './timeouts';

export const CLIENT_PATH_PREFIX = '/v1/data-channel/';

/** Frames kept for an end that is not connected (a client between reconnects): beyond this the oldest go (the sender retransmits). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** How long the first TEXT frame (the token) may take. */
const OPEN_TIMEOUT_MS = 10_000;
/** An exit is reported on the control channel, the last output on the data channel: wait this long for both. */
const END_GRACE_MS = 2_000;
/** How often a replica looks for sessions started through other replicas, and for ends recorded there. */
const WATCH_MS = 250;

// AWS: what the plugin prints when the service closes the channel (SessionId: <id> : <Output>).
export const END_MESSAGES = {
  idle: 'Your session timed out due to inactivity and has been terminated.',
  maxDuration: 'Your session has reached its maximum duration and has been terminated.',
  terminated: 'Your session has been terminated.',
} as const;

interface Buffered { frames: Buffer[]; bytes: number; seen: Set<string> }

interface Live {
  sessionId: string;
  target: string;
  startedAt: number;
  idleMs?: number;
  maxMs?: number;
  client?: WebSocket;
  agent?: WebSocket;
  toClient: Buffered;
  toAgent: Buffered;
  lastActivity: number;
  timers: Set<NodeJS.Timeout>;
  recorder?: SessionRecorder;
  ending: boolean;
  everConnected: boolean;
  /** From session_ended, waiting for the data channel to drain. */
  exited?: { exitCode?: number; reason?: string };
  agentClosed: boolean;
}

export interface StartLive {
  row: SessionRow;
  message: SessionStartMessage;
  idleMinutes: number;
  maxMinutes?: number;
}

export interface EndRequest {
  status: 'Terminated' | 'Failed';
  details: string;
  exitCode?: number;
  /** Shown to the user by the plugin; '' for a normal end. */
  clientMessage: string;
  /** Tell the node to stop (not needed when the node ended it). */
  notifyAgent: boolean;
}

export class SessionRelay {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4 * 1024 * 1024 });
  private readonly live = new Map<string, Live>();
  private readonly unsubscribe: Array<() => void>;
  private closed = false;
  /** This replica's advertise URL, once it listens. */
  private replicaUrl?: string;
  /** Several replicas may share the database (PostgreSQL). */
  private readonly shared: boolean;
  /** The heartbeat and the watch (PostgreSQL), once the advertise URL is known. */
  private repeats: Array<{ stop(): Promise<void> }> = [];
  private watchRound = 0;

  constructor(private readonly server: ServerContext, private readonly hub: AgentHub, private readonly options: { trustProxy?: TrustProxy } = {}) {
    this.shared = dialectOf(server.db) === 'postgres';
    this.unsubscribe = [
      hub.onMessage('session_ended', (instanceId, m) => this.onAgentEnded(instanceId, m)),
      // Other replicas find the node's channel here.
      hub.onConnect((instanceId) => {
        if (this.shared && this.replicaUrl) void this.recordHeld([instanceId]).catch((err) => server.logger.warn({ err, instanceId }, 'could not record which replica holds the node'));
      }),
    ];
    trace?.('name server');
  }

  /**
   * This replica's advertise URL (where the others reach it). On PostgreSQL it also starts the
   * watch: sessions started through other replicas for nodes connected here, and sessions of this
   * replica that another replica ended (TerminateSession), every WATCH_MS.
   */
  async setReplicaUrl(url: string): Promise<void> {
    this.replicaUrl = url.replace(/\/+$/, '');
    if (!this.shared || this.repeats.length > 0 || this.closed) return;
    // Nodes that connected before the URL was known (between listen and now).
    await this.recordHeld(this.hub.connectedIds());
    await this.heartbeat();
    this.repeats = [
      repeat(replicaHeartbeatInterval(), () => this.heartbeat(), (err) => this.server.logger.warn({ err }, 'replica heartbeat failed')),
      repeat(WATCH_MS, () => this.watch(), (err) => this.server.logger.warn({ err }, 'session watch failed')),
    ];
  }

  /** Records that these nodes' channels are held here, for the other replicas to route to. */
  private async recordHeld(instanceIds: string[]): Promise<void> {
    if (instanceIds.length === 0) return;
    await this.server.db.updateTable('managed_instances').set({ channel_url: this.replicaUrl }).where('instance_id', 'in', instanceIds).execute();
  }

  /**
   * Where StartSession's session is relayed: here (`local`), by another replica that holds the
   * node's channel (its URL), or nowhere (undefined: the node is not connected to any replica).
   */
  relayFor(node: { instance_id: string; channel_url: string | null; online: boolean }): 'local' | string | undefined {
    if (this.hub.isOnline(node.instance_id)) return 'local';
    if (!this.shared || !node.online || !node.channel_url || node.channel_url === this.replicaUrl) return undefined;
    return node.channel_url;
  }

  get url(): string | undefined {
    return this.replicaUrl;
  }

  /**
   * Says this replica is alive, and ends the sessions of replicas silent for three heartbeats:
   * their sockets went with them, as a crashed single server's do (recover() on its restart).
   */
  private async heartbeat(): Promise<void> {
    const { db } = this.server;
    const now = new Date();
    await db.insertInto('server_replicas').values({ url: this.replicaUrl!, heartbeat_at: now.toISOString() })
      .onConflict((oc) => oc.column('url').doUpdateSet({ heartbeat_at: now.toISOString() })).execute();
    const silentSince = new Date(now.getTime() - 3 * replicaHeartbeatInterval()).toISOString();
    const orphaned = await db.selectFrom('sessions').leftJoin('server_replicas', 'server_replicas.url', 'sessions.relay_url')
      .select('sessions.session_id').where('sessions.status', 'in', ACTIVE_STATUSES).where('sessions.relay_url', 'is not', null)
      .where('sessions.relay_url', '!=', this.replicaUrl!)
      .where((eb) => eb.or([eb('server_replicas.heartbeat_at', 'is', null), eb('server_replicas.heartbeat_at', '<', silentSince)]))
      .execute();
    for (const { session_id } of orphaned) {
      // endSession changes an active row once, so replicas sweeping together record one end.
      await this.finish(session_id, { status: 'Terminated', details: 'The server replica relaying the session stopped.', clientMessage: '', notifyAgent: false });
    }
  }

  private async watch(): Promise<void> {
    const { db } = this.server;
    const me = this.replicaUrl!;
    const pending = await db.selectFrom('sessions').selectAll().where('relay_url', '=', me).where('start_message', 'is not', null)
      .where('status', '=', 'Connecting').execute();
    for (const row of pending) await this.pickUp(row);
    // Ends recorded by another replica (TerminateSession through it): every fourth round.
    if (++this.watchRound % 4 !== 0 || this.live.size === 0) return;
    const ended = await db.selectFrom('sessions').select(['session_id', 'status', 'details']).where('session_id', 'in', [...this.live.keys()])
      .where('status', 'not in', ACTIVE_STATUSES).execute();
    for (const row of ended) {
      // recordEnd finds the row ended already, so nothing is recorded or announced twice.
      await this.end(row.session_id, { status: row.status === 'Failed' ? 'Failed' : 'Terminated', details: row.details ?? '', clientMessage: END_MESSAGES.terminated, notifyAgent: true });
    }
  }

  /** Opens a session another replica started for a node connected here; claimed once, by one replica. */
  private async pickUp(row: SessionRow): Promise<void> {
    if (this.live.has(row.session_id) || !row.start_message) return;
    const agentToken = newToken();
    const claimed = await this.server.db.updateTable('sessions').set({ start_message: null, agent_token_hash: hashToken(agentToken) })
      .where('session_id', '=', row.session_id).where('start_message', 'is not', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return;
    const message = { ...(JSON.parse(row.start_message) as Omit<SessionStartMessage, 'agentToken'>), agentToken };
    const maxMinutes = row.max_session_duration === null ? undefined : Number(row.max_session_duration);
    if (!this.start({ row, message, idleMinutes: row.idle_timeout_minutes, maxMinutes })) {
      await this.finish(row.session_id, { status: 'Failed', details: `${row.target} was not connected.`, clientMessage: `${row.target} is not connected.`, notifyAgent: false });
    }
  }

  /** Takes the two data-channel upgrade paths on this HTTP(S) server. */
  attach(http: Server): void {
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      let id: string;
      let role: 'client' | 'agent';
      if (path.startsWith(CLIENT_PATH_PREFIX)) {
        id = decodeURIComponent(path.slice(CLIENT_PATH_PREFIX.length));
        role = 'client';
      } else if (path.startsWith(SESSION_PATH_PREFIX)) {
        // As the agent channel: plain ws:// only from this machine.
        if (isPlainRemote(req, this.options.trustProxy)) {
          socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\nThe session channel needs TLS for non-loopback clients\r\n');
          return;
        }
        id = decodeURIComponent(path.slice(SESSION_PATH_PREFIX.length));
        role = 'agent';
      } else {
        return;
      }
      if (!this.shared || this.live.has(id)) return this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, id, role));
      void this.route(id).then((relayUrl) => {
        if (relayUrl) {
          proxyUpgrade(this.wss, req, socket, head, relayUrl, (err) => this.server.logger.warn({ err, sessionId: id, relayUrl }, 'could not reach the replica relaying a session'));
        } else {
          this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, id, role));
        }
      }, (err) => {
        this.server.logger.error({ err, sessionId: id }, 'session data channel routing failed');
        socket.destroy();
      });
    });
  }

  /** The replica to pass a socket for a session not live here to, or undefined to handle it here. */
  private async route(sessionId: string): Promise<string | undefined> {
    const row = await findSession(this.server.db, sessionId);
    if (!row || !(ACTIVE_STATUSES as string[]).includes(row.status) || !row.relay_url) return undefined;
    if (row.relay_url !== this.replicaUrl) return row.relay_url;
    // Started through another replica a moment ago; the watch has not opened it yet.
    if (row.start_message) await this.pickUp(row);
    return undefined;
  }

  /** Sessions that were live when the server last stopped cannot be resumed: they end as Terminated. */
  async recover(): Promise<void> {
    // With replicas sharing the database, only this replica's own sessions (and ones recorded
    // before sessions named their relay).
    for (const id of await liveSessionIds(this.server.db, this.shared ? this.replicaUrl ?? null : undefined)) {
      if (!this.live.has(id)) await this.finish(id, { status: 'Terminated', details: 'The server restarted; the session ended with it.', clientMessage: '', notifyAgent: false });
    }
  }

  /** Whether the node's agent channel is connected to this server (sessions need it). */
  nodeConnected(instanceId: string): boolean {
    return this.hub.isOnline(instanceId);
  }

  isLive(sessionId: string): boolean {
    return this.live.has(sessionId);
  }

  /** Whether an active session is open in a relay: this one, or (replicas) the one its row names. */
  isRelayed(row: { session_id: string; relay_url: string | null }): boolean {
    if (this.live.has(row.session_id)) return true;
    return this.shared && !!row.relay_url && row.relay_url !== this.replicaUrl;
  }

  /** Registers a new session and asks its node to open it; false when the node is not connected here. */
  start(s: StartLive): boolean {
    const now = Date.now();
    const minute = sessionMinuteMs();
    const live: Live = {
      sessionId: s.row.session_id, target: s.row.target, startedAt: now, lastActivity: now,
      idleMs: s.idleMinutes * minute, maxMs: s.maxMinutes !== undefined ? s.maxMinutes * minute : undefined,
      toClient: emptyBuffer(), toAgent: emptyBuffer(), timers: new Set(), ending: false, everConnected: false, agentClosed: false,
    };
    if (s.row.recording_key) {
      live.recorder = new SessionRecorder(blobsOf(this.server.db).store, s.row.recording_key, now, `${s.row.session_id} on ${s.row.target}`,
        (err) => this.server.logger.error({ err, sessionId: live.sessionId }, 'session recording failed'));
    }
    this.live.set(live.sessionId, live);
    if (!this.hub.send(s.row.target, s.message)) {
      this.live.delete(live.sessionId);
      return false;
    }
    if (live.idleMs !== undefined) this.armIdle(live, live.idleMs);
    if (live.maxMs !== undefined) {
      this.timer(live, live.maxMs, () => this.end(live.sessionId, { status: 'Terminated', details: 'The session reached its maximum duration.', clientMessage: END_MESSAGES.maxDuration, notifyAgent: true }));
    }
    this.timer(live, agentConnectTimeoutMs(), () => {
      if (!live.agent) this.end(live.sessionId, { status: 'Failed', details: `${live.target} did not open the session's data channel.`, clientMessage: `${live.target} did not open the session.`, notifyAgent: true });
    });
    return true;
  }

  /** Ends a session: the client sees channel_closed, the node session_terminate, both sockets close. */
  async end(sessionId: string, request: EndRequest): Promise<void> {
    const live = this.live.get(sessionId);
    if (live) {
      if (live.ending) return;
      live.ending = true;
      for (const t of live.timers) clearTimeout(t);
      live.timers.clear();
      if (request.notifyAgent) this.hub.send(live.target, { type: 'session_terminate', sessionId, reason: request.details });
      // The recording is complete and the session Terminated before the client hears of the
      // end: once the plugin exits, DescribeSessions shows the end and the recording is whole.
      let changed = false;
      try {
        await live.recorder?.finish();
        changed = await this.recordEnd(sessionId, request);
      } finally {
        if (live.client && live.client.readyState === live.client.OPEN) {
          live.client.send(channelClosedFrame(sessionId, live.target, request.clientMessage, request.exitCode));
          live.client.close(1000, 'session ended');
        }
        if (live.agent && live.agent.readyState === live.agent.OPEN) live.agent.close(1000, 'session ended');
        this.live.delete(sessionId);
      }
      if (changed) await this.announceEnd(sessionId);
      return;
    }
    await this.finish(sessionId, request);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.repeats.map((r) => r.stop()));
    for (const off of this.unsubscribe) off();
    // The sessions end with the server (a restart cannot keep their sockets); record that now.
    await Promise.all([...this.live.keys()].map((id) => this.end(id, {
      status: 'Terminated', details: 'The server stopped; the session ended with it.', clientMessage: 'The server stopped.', notifyAgent: true,
    }).catch((err) => this.server.logger.error({ err, sessionId: id }, 'could not end a session at shutdown'))));
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Records the end once (status, time, reason, exit code), then audits it and emits the event. */
  private async finish(sessionId: string, request: EndRequest): Promise<void> {
    if (await this.recordEnd(sessionId, request)) await this.announceEnd(sessionId);
  }

  /** Status, time, reason and exit code; false when the session had ended already. */
  private async recordEnd(sessionId: string, request: EndRequest): Promise<boolean> {
    return endSession(this.server.db, sessionId, {
      status: request.status, details: request.details.slice(0, 1024), end_date: new Date().toISOString(), exit_code: request.exitCode ?? null,
    });
  }

  private async announceEnd(sessionId: string): Promise<void> {
    const { db } = this.server;
    const row = await findSession(db, sessionId);
    if (!row) return;
    await emitSessionState(db, row);
    await auditSessionEnd(this.server.audit, row);
  }

  private accept(ws: WebSocket, sessionId: string, role: 'client' | 'agent'): void {
    let state: 'opening' | 'verifying' | 'open' = 'opening';
    const early: RawData[] = [];
    const timer = setTimeout(() => ws.close(4401, 'no token'), OPEN_TIMEOUT_MS);
    timer.unref();
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => {
      if (state === 'open') return this.onFrame(sessionId, role, ws, toBuffer(data));
      if (state === 'verifying') { early.push(data); return; }
      clearTimeout(timer);
      if (isBinary) return ws.close(4401, 'the first message must be the token (a text frame)');
      state = 'verifying';
      void this.admit(ws, sessionId, role, data.toString()).then((ok) => {
        if (!ok) return;
        state = 'open';
        for (const d of early.splice(0)) this.onFrame(sessionId, role, ws, toBuffer(d));
      }, (err) => {
        this.server.logger.error({ err, sessionId }, 'session data channel open failed');
        ws.close(1011, 'internal error');
      });
    });
    ws.on('close', () => {
      clearTimeout(timer);
      const live = this.live.get(sessionId);
      if (!live || live.ending) return;
      if (role === 'client' && live.client === ws) {
        live.client = undefined;
        // AWS: a client that went away leaves the session Disconnected until ResumeSession or a timeout.
        void this.setStatus(sessionId, 'Disconnected');
      } else if (role === 'agent' && live.agent === ws) {
        live.agent = undefined;
        live.agentClosed = true;
        if (live.exited) void this.endExited(live);
        else this.timer(live, END_GRACE_MS, () => void this.endExited(live));
      }
    });
  }

  /** Checks the first TEXT frame (the token); attaches the socket to its session or closes it. */
  private async admit(ws: WebSocket, sessionId: string, role: 'client' | 'agent', text: string): Promise<boolean> {
    let opened: { TokenValue?: unknown; token?: unknown; instanceId?: unknown } = {};
    try { opened = JSON.parse(text) as typeof opened; } catch { /* refused below */ }
    const live = this.live.get(sessionId);
    const row = live ? await findSession(this.server.db, sessionId) : undefined;
    const token = role === 'client' ? opened.TokenValue : opened.token;
    let ok = !!live && !!row && !live.ending && typeof token === 'string';
    if (ok && role === 'client') {
      ok = tokenMatches(token as string, row!.client_token_hash) && !!row!.client_token_expires && Date.parse(row!.client_token_expires) > Date.now();
    } else if (ok) {
      ok = opened.instanceId === row!.target && tokenMatches(token as string, row!.agent_token_hash);
    }
    if (!ok || !live || ws.readyState !== ws.OPEN) {
      ws.close(4403, 'the token is not valid for this session');
      return false;
    }
    if (role === 'client') {
      // A token opens one connection; a reconnect asks ResumeSession for a new one.
      await updateSession(this.server.db, sessionId, { client_token_hash: null, client_token_expires: null });
      const previous = live.client;
      live.client = ws;
      if (previous && previous.readyState === previous.OPEN) previous.close(4409, 'replaced by a newer connection');
      this.flush(live.toClient, ws);
      if (!live.everConnected) {
        live.everConnected = true;
        await this.setStatus(sessionId, 'Connected', true);
      } else {
        await this.setStatus(sessionId, 'Connected');
      }
    } else {
      await updateSession(this.server.db, sessionId, { agent_token_hash: null });
      live.agent = ws;
      this.flush(live.toAgent, ws);
    }
    return true;
  }

  private onFrame(sessionId: string, role: 'client' | 'agent', ws: WebSocket, data: Buffer): void {
    trace?.(`relay from-${role} ${String.fromCharCode(data[4])} ${data.length}`);
    const live = this.live.get(sessionId);
    if (!live || live.ending || (role === 'client' ? live.client : live.agent) !== ws) return;
    // Only the header is looked at (no copy, no decoding) unless the session is recorded.
    const stream = isStreamData(data);
    if (stream) {
      const now = Date.now();
      live.lastActivity = now;
      if (live.recorder) {
        const frame = decodeOrUndefined(data);
        if (frame && role === 'agent') live.recorder.agentFrame(frame, now);
        else if (frame) live.recorder.clientFrame(frame, now);
      }
    }
    const to = role === 'agent' ? live.client : live.agent;
    if (to && to.readyState === to.OPEN) {
      corkForThisTick(to);
      to.send(data);
      trace?.(`relay sent-${role === 'agent' ? 'client' : 'agent'} ${String.fromCharCode(data[4])} ${data.length}`);
    } else {
      bufferFrame(role === 'agent' ? live.toClient : live.toAgent, data, stream ? decodeOrUndefined(data) : undefined);
    }
  }

  private onAgentEnded(instanceId: string, m: SessionEndedMessage): void {
    const live = this.live.get(m.sessionId);
    if (!live || live.target !== instanceId || live.ending) return;
    live.exited = { exitCode: m.exitCode, reason: m.reason };
    // The last output may still be on its way over the data channel: end when that closes.
    if (live.agentClosed || !live.agent) void this.endExited(live);
    else this.timer(live, END_GRACE_MS, () => void this.endExited(live));
  }

  private async endExited(live: Live): Promise<void> {
    const exit = live.exited;
    const details = exit
      ? (exit.reason ?? (exit.exitCode !== undefined ? `The session ended on the node (exit code ${exit.exitCode}).` : 'The session ended on the node.'))
      : "The node closed the session's data channel.";
    // AWS: a session the node refused or cut short tells the user why (the plugin prints Output).
    await this.end(live.sessionId, { status: 'Terminated', details, exitCode: exit?.exitCode, clientMessage: exit?.reason ?? '', notifyAgent: !exit });
  }

  private async setStatus(sessionId: string, status: 'Connected' | 'Disconnected', announce = false): Promise<void> {
    const { db } = this.server;
    await db.updateTable('sessions').set({ status }).where('session_id', '=', sessionId).where('status', 'in', ['Connecting', 'Connected', 'Disconnected']).execute();
    if (announce) {
      const row = await findSession(db, sessionId);
      if (row) await emitSessionState(db, row);
    }
  }

  /** One timer per session checks idleness at the moment it could expire, not on every frame. */
  private armIdle(live: Live, delay: number): void {
    this.timer(live, delay, () => {
      const idle = Date.now() - live.lastActivity;
      if (idle >= live.idleMs!) {
        void this.end(live.sessionId, { status: 'Terminated', details: 'The session was idle for longer than its idle timeout.', clientMessage: END_MESSAGES.idle, notifyAgent: true });
      } else {
        this.armIdle(live, live.idleMs! - idle);
      }
    });
  }

  private timer(live: Live, ms: number, fn: () => void): void {
    const t = setTimeout(() => { live.timers.delete(t); if (!this.closed) fn(); }, ms);
    t.unref();
    live.timers.add(t);
  }

  private flush(buffer: Buffered, ws: WebSocket): void {
    for (const f of buffer.frames.splice(0)) ws.send(f);
    buffer.bytes = 0;
    buffer.seen.clear();
  }
}

/** input_stream_data or output_stream_data, read from the message type's bytes. */
function isStreamData(data: Buffer): boolean {
  if (data.length < 120) return false;
  const first = data[4];
  return (first === 0x69 /* i */ && data[5] === 0x6e && data[6] === 0x70) || (first === 0x6f /* o */ && data[5] === 0x75 && data[6] === 0x74);
}

function decodeOrUndefined(data: Buffer): SessionFrame | undefined {
  try {
    // The ends check digests; the relay only reads headers and payloads.
    return decodeFrame(data, { verifyDigest: false });
  } catch {
    return undefined;
  }
}

/**
 * The frames ws hands over from one read of the sender's socket are all forwarded before the
 * receiver's socket is written: one write system call for a burst (the plugin's 1 KiB messages
 * and their acknowledgements) instead of one per frame.
 */
const corked = new Set<{ cork(): void; uncork(): void }>();
function corkForThisTick(ws: WebSocket): void {
  const socket = (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  if (!socket || corked.has(socket)) return;
  socket.cork();
  if (corked.size === 0) process.nextTick(uncorkAll);
  corked.add(socket);
}
function uncorkAll(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
  trace?.('relay uncorked');
}

/** Runs `task` every `ms` (unref'd), never two at once; `stop()` waits for a run in progress. */
function repeat(ms: number, task: () => Promise<void>, onError: (err: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= task().catch(onError).finally(() => { running = undefined; });
  }, ms);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

const emptyBuffer = (): Buffered => ({ frames: [], bytes: 0, seen: new Set() });

/** Keeps a frame for an end that is away; a retransmission of a stream message already kept is dropped. */
function bufferFrame(buffer: Buffered, data: Buffer, frame: SessionFrame | undefined): void {
  if (frame && (frame.messageType === MessageType.InputStreamData || frame.messageType === MessageType.OutputStreamData)) {
    const key = `${frame.messageType}:${frame.sequenceNumber}`;
    if (buffer.seen.has(key)) return;
    buffer.seen.add(key);
  }
  buffer.frames.push(data);
  buffer.bytes += data.length;
  while (buffer.bytes > MAX_BUFFERED_BYTES && buffer.frames.length > 1) buffer.bytes -= buffer.frames.shift()!.length;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** AWS: the service (here the relay) tells the client the channel is closing with this message. */
export function channelClosedFrame(sessionId: string, target: string, output: string, exitCode?: number): Uint8Array {
  const messageId = newMessageId();
  const now = Date.now();
  const payload: ChannelClosedPayload = {
    MessageId: messageId, CreatedDate: new Date(now).toISOString(), DestinationId: target, SessionId: sessionId,
    MessageType: 'channel_closed', SchemaVersion: 1, Output: output,
    ...(exitCode === undefined ? {} : { ExitCode: exitCode }),
  };
  return encodeFrame({
    messageType: MessageType.ChannelClosed, schemaVersion: 1, createdDate: now, sequenceNumber: 0, flags: 3,
    messageId, payloadType: 0, payload: encodeJsonPayload(payload),
  });
}
