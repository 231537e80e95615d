/**
 * The agent channel: one outbound WebSocket per node on `/agent/v1/channel`. The hub runs the
 * handshake, keeps presence (PingStatus, LastPingDateTime), hands the node its role
 * credentials and refreshes them, and gives later features a small API: send a message to a
 * node, listen for a type of message, ask whether a node is connected here.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CHANNEL_PATH, CHANNEL_PROTOCOL_VERSION, CLOSE_CODES, parseChannelMessage,
  type ChannelMessage, type HelloMessage,
} from '@bosun/protocol/agent/messages';
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import { SeenSignatures, verifyHello } from './handshake';
import { instanceEvents } from './instance-events';
import { findInstance, markConnectionLost, markSeen, sweepStale, updateFacts } from './instance-store';
import { mintNodeCredentials } from './node-role';
import { getHeartbeatSeconds, staleAfterMs } from './presence';
import { factColumns } from './register';
import { isPlainRemote, type TrustProxy } from './transport';

type MessageOf<T extends ChannelMessage['type']> = Extract<ChannelMessage, { type: T }>;
export type MessageHandler<T extends ChannelMessage['type']> = (instanceId: string, message: MessageOf<T>) => void | Promise<void>;

interface Connection {
  socket: WebSocket;
  instanceId: string;
  lastSeen: number;
  credentialTimer?: NodeJS.Timeout;
}

export interface AgentHubOptions {
  db: Db;
  secrets: SecretBox;
  logger: Logger;
  /** The server's trustProxy: a proxy that terminated TLS may vouch with X-Forwarded-Proto. */
  trustProxy?: TrustProxy;
  /** How long a new socket may take to answer the challenge. */
  handshakeTimeoutMs?: number;
}

export class AgentHub {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4 * 1024 * 1024 });
  private readonly connections = new Map<string, Connection>();
  private readonly handlers = new Map<string, Set<MessageHandler<any>>>();
  private readonly connectHandlers = new Set<(instanceId: string) => void>();
  private readonly seen = new SeenSignatures();
  private sweeper?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: AgentHubOptions) {
    instanceEvents.on('deregistered', this.onDeregistered);
    instanceEvents.on('role-changed', this.onRoleChanged);
  }

  /** Takes WebSocket upgrades for the channel path on this HTTP(S) server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if ((req.url ?? '').split('?')[0] !== CHANNEL_PATH) return;
      // Plain ws:// only from this machine: a node elsewhere must come over TLS.
      if (isPlainRemote(req, this.options.trustProxy)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\nThe agent channel needs TLS for non-loopback clients\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  /** Sends one message to a node connected to this server; false when it is not. */
  send(instanceId: string, message: ChannelMessage): boolean {
    const conn = this.connections.get(instanceId);
    if (!conn || conn.socket.readyState !== conn.socket.OPEN) return false;
    conn.socket.send(JSON.stringify(message));
    return true;
  }

  /** Calls `handler` for every message of `type` from an accepted node; returns an unsubscribe. */
  onMessage<T extends ChannelMessage['type']>(type: T, handler: MessageHandler<T>): () => void {
    const set = this.handlers.get(type) ?? new Set();
    set.add(handler);
    this.handlers.set(type, set);
    return () => set.delete(handler);
  }

  /** Calls `handler` each time a node completes the handshake here (e.g. to deliver work it missed); returns an unsubscribe. */
  onConnect(handler: (instanceId: string) => void): () => void {
    this.connectHandlers.add(handler);
    return () => this.connectHandlers.delete(handler);
  }

  isOnline(instanceId: string): boolean {
    return this.connections.has(instanceId);
  }

  /** The nodes whose channel is connected to this server now. */
  connectedIds(): string[] {
    return [...this.connections.keys()];
  }

  get connectedCount(): number {
    return this.connections.size;
  }

  /** Marks nodes whose heartbeats stopped as ConnectionLost and drops their sockets. */
  startSweeper(): void {
    const every = Math.max(250, Math.floor((getHeartbeatSeconds() * 1000) / 2));
    this.sweeper = setInterval(() => void this.sweep().catch((err) => this.options.logger.warn({ err }, 'agent presence sweep failed')), every);
    this.sweeper.unref();
  }

  async sweep(now = new Date()): Promise<void> {
    const staleBefore = now.getTime() - staleAfterMs();
    for (const conn of [...this.connections.values()]) {
      if (conn.lastSeen < staleBefore) this.drop(conn, 4408, 'no heartbeat');
    }
    await sweepStale(this.options.db, new Date(staleBefore));
    // Another replica may have deregistered a node connected here.
    const ids = [...this.connections.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const gone = await this.options.db.selectFrom('managed_instances').select('instance_id')
        .where('instance_id', 'in', ids.slice(i, i + 500)).where('deregistered_at', 'is not', null).execute();
      for (const row of gone) this.onDeregistered(row.instance_id);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    instanceEvents.off('deregistered', this.onDeregistered);
    instanceEvents.off('role-changed', this.onRoleChanged);
    for (const conn of this.connections.values()) {
      clearTimeout(conn.credentialTimer);
      conn.socket.close(CLOSE_CODES.goingAway, 'server shutting down');
    }
    const ids = [...this.connections.keys()];
    this.connections.clear();
    for (const ws of this.wss.clients) ws.terminate();
    await Promise.all(ids.map((id) => markConnectionLost(this.options.db, id).catch(() => undefined)));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    const nonce = crypto.randomBytes(32).toString('base64');
    let state: 'challenged' | 'verifying' | 'accepted' = 'challenged';
    let conn: Connection | undefined;
    const timer = setTimeout(() => ws.close(CLOSE_CODES.handshakeFailed, 'handshake timed out'), this.options.handshakeTimeoutMs ?? 10_000);
    timer.unref();
    ws.send(JSON.stringify({ type: 'challenge', nonce, serverTime: new Date().toISOString(), protocolVersion: CHANNEL_PROTOCOL_VERSION }));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearTimeout(timer);
      if (conn && this.connections.get(conn.instanceId) === conn) {
        clearTimeout(conn.credentialTimer);
        this.connections.delete(conn.instanceId);
        if (!this.closed) void markConnectionLost(this.options.db, conn.instanceId).catch(() => undefined);
      }
    });
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? undefined : parseChannelMessage(data.toString());
      if (!message) return this.refuse(ws, 'ProtocolError', 'frames are JSON channel messages', CLOSE_CODES.handshakeFailed, true);
      if (state === 'accepted' && conn) return void this.onNodeMessage(conn, message);
      if (state === 'verifying') return; // one hello per connection; extra frames wait or are dropped
      if (message.type !== 'hello') return this.refuse(ws, 'ProtocolError', 'the first frame must be hello', CLOSE_CODES.handshakeFailed, true);
      state = 'verifying';
      void this.handshake(ws, message, nonce).then((accepted) => {
        clearTimeout(timer);
        if (accepted) { conn = accepted; state = 'accepted'; }
      }, (err) => {
        this.options.logger.error({ err }, 'agent handshake failed');
        ws.close(1011, 'internal error');
      });
    });
  }

  private async handshake(ws: WebSocket, hello: HelloMessage, nonce: string): Promise<Connection | undefined> {
    const { db, secrets } = this.options;
    const now = new Date();
    const verdict = await verifyHello(db, hello, nonce, now, this.seen);
    if ('refusal' in verdict) {
      const { code, message, retry, closeCode } = verdict.refusal;
      this.refuse(ws, code, message, closeCode, retry);
      return undefined;
    }
    if (ws.readyState !== ws.OPEN) return undefined;
    const node = verdict.node;
    const previous = this.connections.get(node.instance_id);
    const conn: Connection = { socket: ws, instanceId: node.instance_id, lastSeen: now.getTime() };
    this.connections.set(node.instance_id, conn);
    // A node has one channel: a newer one replaces an older one (a reconnect after a network blip).
    if (previous) { clearTimeout(previous.credentialTimer); previous.socket.close(4409, 'replaced by a newer connection'); }
    if (hello.facts) await updateFacts(db, node.instance_id, factColumns(hello.facts));
    await markSeen(db, node.instance_id, now);
    const credentials = await mintNodeCredentials(db, secrets, node, now);
    ws.send(JSON.stringify({ type: 'welcome', instanceId: node.instance_id, heartbeatSeconds: getHeartbeatSeconds(), credentials }));
    if (credentials) this.scheduleRefresh(conn, Date.parse(credentials.expiration));
    for (const handler of this.connectHandlers) {
      try { handler(node.instance_id); } catch (err) { this.options.logger.error({ err, instanceId: node.instance_id }, 'node connect handler failed'); }
    }
    return conn;
  }

  /** New credentials at four fifths of the old ones' life, so the node never holds expired ones. */
  private scheduleRefresh(conn: Connection, expiresAt: number): void {
    clearTimeout(conn.credentialTimer);
    const delay = Math.max(1000, (expiresAt - Date.now()) * 0.8);
    conn.credentialTimer = setTimeout(() => void this.pushCredentials(conn.instanceId), delay);
    conn.credentialTimer.unref();
  }

  private async pushCredentials(instanceId: string): Promise<void> {
    const conn = this.connections.get(instanceId);
    if (!conn) return;
    const node = await findInstance(this.options.db, instanceId);
    if (!node || node.deregistered_at) return;
    const credentials = await mintNodeCredentials(this.options.db, this.options.secrets, node);
    if (!credentials || this.connections.get(instanceId) !== conn) return;
    this.send(instanceId, { type: 'credentials', credentials });
    this.scheduleRefresh(conn, Date.parse(credentials.expiration));
  }

  private async onNodeMessage(conn: Connection, message: ChannelMessage): Promise<void> {
    const now = new Date();
    conn.lastSeen = now.getTime();
    try {
      if (message.type === 'heartbeat') {
        await markSeen(this.options.db, conn.instanceId, now);
        this.send(conn.instanceId, { type: 'heartbeat', sentAt: now.toISOString() });
      } else if (message.type === 'facts') {
        await updateFacts(this.options.db, conn.instanceId, factColumns(message.facts));
      }
      for (const handler of this.handlers.get(message.type) ?? []) await handler(conn.instanceId, message);
    } catch (err) {
      this.options.logger.error({ err, instanceId: conn.instanceId, type: message.type }, 'agent message handler failed');
    }
  }

  private refuse(ws: WebSocket, code: string, message: string, closeCode: number, retry: boolean): void {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify({ type: 'refused', code, message, retry }));
    ws.close(closeCode, code);
  }

  private drop(conn: Connection, code: number, reason: string): void {
    clearTimeout(conn.credentialTimer);
    if (this.connections.get(conn.instanceId) === conn) this.connections.delete(conn.instanceId);
    conn.socket.close(code, reason);
  }

  private readonly onDeregistered = (instanceId: string): void => {
    const conn = this.connections.get(instanceId);
    if (!conn) return;
    this.refuse(conn.socket, 'Deregistered', `${instanceId} was deregistered; register it again with a new activation.`, CLOSE_CODES.refusedPermanently, false);
    clearTimeout(conn.credentialTimer);
    this.connections.delete(instanceId);
  };

  private readonly onRoleChanged = (instanceId: string): void => {
    void this.pushCredentials(instanceId).catch((err) => this.options.logger.warn({ err, instanceId }, 'could not push new role credentials'));
  };
}
