/**
 * A small stand-in for the Bosun server's agent side, speaking the real protocol over a real
 * `ws` server: registration with activations, the signed challenge/hello handshake (nonces are
 * single use), heartbeats, facts, jobs, deregistration. It lets the agent be tested before and
 * independently of the server; the real-server tests live in real-server.test.ts.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CHANNEL_PATH,
  CLOSE_CODES,
  REGISTER_PATH,
  helloSigningString,
  parseChannelMessage,
  type ChannelMessage,
  type NodeFacts,
} from '@bosun/protocol/agent/messages';

export interface FakeNode {
  instanceId: string;
  publicKey: crypto.KeyObject;
  activationId: string;
  facts: NodeFacts;
  deregistered: boolean;
  socket?: WebSocket;
  heartbeats: number;
  received: ChannelMessage[];
}

export interface FakeServerOptions {
  tls?: { key: string; cert: string };
  port?: number;
  heartbeatSeconds?: number;
}

export class FakeServer {
  readonly activations = new Map<string, { code: string; limit: number; used: number; expired: boolean }>();
  readonly nodes = new Map<string, FakeNode>();
  private readonly nonces = new Set<string>();
  /** Connections dialled so far, and a switch to drop every node right after its welcome. */
  connections = 0;
  dropAfterWelcome = false;
  private http!: http.Server;
  private wss!: WebSocketServer;
  port = 0;

  constructor(private readonly options: FakeServerOptions = {}) {}

  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  addActivation(limit = 10): { id: string; code: string } {
    const id = crypto.randomUUID();
    // Like the real server's codes: letters, digits, + and / — never a leading '-', which a
    // command line would read as an option.
    const code = crypto.randomBytes(15).toString('base64');
    this.activations.set(id, { code, limit, used: 0, expired: false });
    return { id, code };
  }

  async start(port = this.options.port ?? this.port): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.onHttp(req, res);
    this.http = this.options.tls ? https.createServer(this.options.tls, handler) : http.createServer(handler);
    this.wss = new WebSocketServer({ server: this.http, path: CHANNEL_PATH });
    this.wss.on('connection', (socket) => this.onConnection(socket));
    await new Promise<void>((resolve) => this.http.listen(port, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
    return this;
  }

  /** Stops abruptly, like a killed server: sockets are cut, not closed politely. */
  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    for (const node of this.nodes.values()) node.socket = undefined;
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  online(): string[] {
    return [...this.nodes.values()].filter((n) => n.socket && !n.deregistered).map((n) => n.instanceId);
  }

  deregister(instanceId: string): void {
    const node = this.nodes.get(instanceId)!;
    node.deregistered = true;
    node.socket?.send(JSON.stringify({ type: 'refused', code: 'Deregistered', message: `${instanceId} was deregistered`, retry: false }));
    node.socket?.close(CLOSE_CODES.refusedPermanently, 'deregistered');
  }

  send(instanceId: string, message: ChannelMessage): void {
    const socket = this.nodes.get(instanceId)?.socket;
    if (!socket) throw new Error(`${instanceId} is not connected`);
    socket.send(JSON.stringify(message));
  }

  private onHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== REGISTER_PATH) return answer(404, { __type: 'NotFound', message: 'no such path' });
      const body = JSON.parse(Buffer.concat(chunks).toString());
      const activation = this.activations.get(body.activationId);
      if (!activation) return answer(400, { __type: 'InvalidActivationId', message: 'Activation ID is not valid.' });
      if (activation.code !== body.activationCode || activation.expired || activation.used >= activation.limit) {
        return answer(400, { __type: 'InvalidActivation', message: 'Activation is not valid.' });
      }
      activation.used++;
      const instanceId = `mi-${crypto.randomBytes(9).toString('hex').slice(0, 17)}`;
      this.nodes.set(instanceId, {
        instanceId,
        publicKey: crypto.createPublicKey(body.publicKey),
        activationId: body.activationId,
        facts: body.facts,
        deregistered: false,
        heartbeats: 0,
        received: [],
      });
      answer(200, { instanceId, accountId: '123456789012', region: 'us-east-1' });
    });
  }

  private onConnection(socket: WebSocket): void {
    this.connections++;
    const nonce = crypto.randomBytes(24).toString('base64');
    this.nonces.add(nonce);
    socket.send(JSON.stringify({ type: 'challenge', nonce, serverTime: new Date().toISOString(), protocolVersion: 1 }));
    let node: FakeNode | undefined;
    socket.on('message', (data) => {
      const message = parseChannelMessage(data.toString());
      if (!message) return;
      if (message.type === 'hello') {
        const candidate = this.nodes.get(message.instanceId);
        const refuse = (code: string, text: string, retry: boolean) => {
          socket.send(JSON.stringify({ type: 'refused', code, message: text, retry }));
          socket.close(retry ? CLOSE_CODES.handshakeFailed : CLOSE_CODES.refusedPermanently, code);
        };
        if (!candidate) return refuse('InvalidInstanceId', `${message.instanceId} is not registered`, false);
        if (candidate.deregistered) return refuse('Deregistered', `${message.instanceId} was deregistered`, false);
        if (!this.nonces.delete(nonce)) return refuse('ReplayedHandshake', 'challenge already used', true);
        const signed = Buffer.from(helloSigningString(nonce, message.instanceId, message.timestamp));
        if (!crypto.verify(null, signed, candidate.publicKey, Buffer.from(message.signature, 'base64'))) {
          return refuse('BadSignature', 'signature does not verify', true);
        }
        node = candidate;
        node.socket = socket;
        node.facts = message.facts;
        const expiration = new Date(Date.now() + 3600_000).toISOString();
        socket.send(
          JSON.stringify({
            type: 'welcome',
            instanceId: node.instanceId,
            heartbeatSeconds: this.options.heartbeatSeconds ?? 1,
            credentials: { accessKeyId: 'ASIAFAKE', secretAccessKey: 'secret', sessionToken: 'token-1', expiration },
          }),
        );
        if (this.dropAfterWelcome) socket.close(1011, 'dropped by the test');
        return;
      }
      if (!node) return;
      node.received.push(message);
      if (message.type === 'heartbeat') node.heartbeats++;
      if (message.type === 'facts') node.facts = message.facts;
    });
    socket.on('close', () => {
      if (node?.socket === socket) node.socket = undefined;
    });
  }
}

/** Polls until `check` returns a truthy value (or fails after `timeoutMs`). */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
