/**
 * One connection of the agent channel, from dial to close: answer the challenge with a signed
 * hello, wait for welcome or refused, then heartbeat at the server's pace and hand every other
 * frame to the caller. Liveness is checked with WebSocket pings: a connection that stops
 * answering is dropped so the reconnect loop can dial again.
 */
import type crypto from 'node:crypto';
import WebSocket from 'ws';
import {
  CHANNEL_PROTOCOL_VERSION,
  CLOSE_CODES,
  parseChannelMessage,
  type ChannelMessage,
  type NodeFacts,
  type WelcomeMessage,
} from '@bosun/protocol/agent/messages';
import { signHello } from '../identity/node-key';
import type { Logger } from '../log/logger';
import { pinnedTlsOptions } from '../tls/pinned-ca';

export interface SessionOptions {
  url: URL;
  caPem?: string;
  instanceId: string;
  privateKey: crypto.KeyObject;
  facts(): NodeFacts;
  logger: Logger;
  /** Called once the server accepted us; `send` stays valid until the session ends. */
  onWelcome(welcome: WelcomeMessage, send: (m: ChannelMessage) => boolean): void;
  onMessage(message: ChannelMessage): void;
  handshakeTimeoutMs?: number;
}

export type SessionEnd =
  | { kind: 'refused'; code: string; message: string; retry: boolean }
  | { kind: 'closed'; code: number; reason: string; welcomed: boolean; error?: string }
  | { kind: 'stopped' };

export function runSession(options: SessionOptions, stop: AbortSignal): Promise<SessionEnd> {
  const { logger } = options;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 15_000;
  return new Promise((resolve) => {
    let welcomed = false;
    let refused: SessionEnd | undefined;
    let lastError: string | undefined;
    let heartbeat: NodeJS.Timeout | undefined;
    let lastFacts: string | undefined;
    const ws = new WebSocket(options.url, {
      ...(options.url.protocol === 'wss:' ? pinnedTlsOptions(options.caPem) : {}),
      handshakeTimeout: handshakeTimeoutMs,
      perMessageDeflate: false,
      maxPayload: 16 * 1024 * 1024,
    });
    const send = (message: ChannelMessage): boolean => {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(message));
      return true;
    };
    const handshakeTimer = setTimeout(() => {
      lastError = `no welcome within ${handshakeTimeoutMs} ms`;
      ws.terminate();
    }, handshakeTimeoutMs);
    const onStop = () => ws.close(1000, 'agent stopping');
    stop.addEventListener('abort', onStop, { once: true });

    const startHeartbeat = (seconds: number) => {
      let awaitingPong = false;
      ws.on('pong', () => (awaitingPong = false));
      heartbeat = setInterval(() => {
        if (awaitingPong) {
          lastError = 'the server stopped answering pings';
          ws.terminate();
          return;
        }
        awaitingPong = true;
        ws.ping();
        send({ type: 'heartbeat', sentAt: new Date().toISOString() });
        const facts = options.facts();
        if (JSON.stringify(facts) !== lastFacts) {
          lastFacts = JSON.stringify(facts);
          logger.info('facts changed; reporting them', { facts });
          send({ type: 'facts', facts });
        }
      }, Math.max(1, seconds) * 1000);
    };

    ws.on('message', (data, isBinary) => {
      const message = isBinary ? undefined : parseChannelMessage(data.toString());
      if (!message) {
        logger.warn('ignoring a frame that is not a channel message');
        return;
      }
      if (message.type === 'challenge') {
        const timestamp = new Date().toISOString();
        const facts = options.facts();
        lastFacts = JSON.stringify(facts);
        send({
          type: 'hello',
          instanceId: options.instanceId,
          timestamp,
          signature: signHello(options.privateKey, message.nonce, options.instanceId, timestamp),
          facts,
          protocolVersion: CHANNEL_PROTOCOL_VERSION,
        });
      } else if (message.type === 'welcome') {
        clearTimeout(handshakeTimer);
        welcomed = true;
        startHeartbeat(message.heartbeatSeconds);
        options.onWelcome(message, send);
      } else if (message.type === 'refused') {
        refused = { kind: 'refused', code: message.code, message: message.message, retry: message.retry };
      } else if (welcomed) {
        options.onMessage(message);
      }
    });
    ws.on('error', (error) => (lastError = error.message));
    ws.on('close', (code, reasonBuffer) => {
      clearTimeout(handshakeTimer);
      clearInterval(heartbeat);
      stop.removeEventListener('abort', onStop);
      const reason = reasonBuffer.toString();
      if (stop.aborted) resolve({ kind: 'stopped' });
      else if (refused) resolve(refused);
      else if (code === CLOSE_CODES.refusedPermanently)
        resolve({ kind: 'refused', code: 'Refused', message: reason || 'the server refused this node', retry: false });
      else resolve({ kind: 'closed', code, reason, welcomed, error: lastError });
    });
  });
}
