/**
 * The smallest client that speaks the real agent protocol: registers with an activation,
 * opens the channel, signs the challenge, sends heartbeats. Tests use it to play a node (or a
 * node's impostor); the benchmark uses it for thousands of connections.
 */
import crypto, { type KeyObject } from 'node:crypto';
import WebSocket from 'ws';
import {
  CHANNEL_PATH, CHANNEL_PROTOCOL_VERSION, REGISTER_PATH, helloSigningString,
  type ChannelMessage, type HelloMessage, type NodeFacts, type RegisterResponse,
} from '@bosun/protocol/agent/messages';

export const TEST_FACTS: NodeFacts = {
  platformType: 'Linux', platformName: 'Debian GNU/Linux', platformVersion: '12',
  ipAddress: '192.0.2.10', computerName: 'test-node', agentVersion: '0.1.0',
};

export interface TestNode {
  instanceId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

export function newKeyPair(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** POSTs a registration; returns the status and the JSON answer. */
export async function postRegister(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${REGISTER_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

export async function registerNode(url: string, activationId: string, activationCode: string, facts = TEST_FACTS): Promise<TestNode> {
  const keys = newKeyPair();
  const res = await postRegister(url, { activationId, activationCode, publicKey: keys.publicKeyPem, facts });
  if (res.status !== 200) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { instanceId: (res.body as RegisterResponse).instanceId, ...keys };
}

export function signHello(node: { instanceId: string; privateKey: KeyObject }, nonce: string, timestamp = new Date().toISOString(), facts = TEST_FACTS): HelloMessage {
  const signature = crypto.sign(null, Buffer.from(helloSigningString(nonce, node.instanceId, timestamp), 'utf8'), node.privateKey).toString('base64');
  return { type: 'hello', instanceId: node.instanceId, timestamp, signature, facts, protocolVersion: CHANNEL_PROTOCOL_VERSION };
}

/** One open channel: every frame received, and a way to wait for the next of a type or for the close. */
export class TestChannel {
  readonly received: ChannelMessage[] = [];
  closed?: { code: number; reason: string };
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => { this.received.push(JSON.parse(data.toString())); this.wake(); });
    socket.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; this.wake(); });
    socket.on('error', () => undefined);
  }

  static open(url: string): Promise<TestChannel> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + CHANNEL_PATH, { perMessageDeflate: false });
    const channel = new TestChannel(ws);
    return new Promise((resolve, reject) => { ws.once('open', () => resolve(channel)); ws.once('error', reject); });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  async next<T extends ChannelMessage['type']>(type: T, timeoutMs = 5000): Promise<Extract<ChannelMessage, { type: T }>> {
    const found = await this.until(() => this.received.find((m) => m.type === type), timeoutMs, `a ${type} frame`);
    this.received.splice(this.received.indexOf(found), 1);
    return found as Extract<ChannelMessage, { type: T }>;
  }

  /** The next frame of any of these types. */
  async nextOf(types: Array<ChannelMessage['type']>, timeoutMs = 5000): Promise<ChannelMessage> {
    const found = await this.until(() => this.received.find((m) => types.includes(m.type)), timeoutMs, types.join(' or '));
    this.received.splice(this.received.indexOf(found), 1);
    return found;
  }

  whenClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed, timeoutMs, 'the close');
  }

  close(): void {
    this.socket.close();
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.received)}`)), timeoutMs);
      const check = (): void => {
        const value = probe();
        if (value !== undefined) { clearTimeout(timer); resolve(value); } else this.waiters.push(check);
      };
      check();
    });
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }
}

/** Opens a channel and completes the handshake as `node`; returns the channel and the welcome. */
export async function connectNode(url: string, node: TestNode) {
  const channel = await TestChannel.open(url);
  const challenge = await channel.next('challenge');
  channel.send(signHello(node, challenge.nonce));
  const answer = await channel.nextOf(['welcome', 'refused']);
  if (answer.type !== 'welcome') throw new Error(`refused: ${JSON.stringify(answer)}`);
  return { channel, welcome: answer };
}
