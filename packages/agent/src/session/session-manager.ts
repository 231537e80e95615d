/**
 * The sessions of this node: each `session_start` from the server opens its own data channel
 * WebSocket, does the handshake, runs the session type's handler and reports `session_ended`
 * on the agent channel (held back while that channel is down). `session_terminate` stops one.
 */
import type { ChannelMessage, SessionEndedMessage, SessionStartMessage, SessionTerminateMessage } from '@bosun/protocol/agent/messages';
import type WebSocket from 'ws';
import type { Logger } from '../log/logger';
import { runCommandSession } from './command-session';
import { AgentDataChannel } from './data-channel';
import { corkedSender, openDataSocket, unmaskedIsSafe } from './data-socket';
import { runPortSession } from './port/port-session';
import type { SessionIo, SessionOutcome } from './session-io';
import { trace } from '@bosun/protocol/session/trace';

export type Send = (message: ChannelMessage) => boolean;

export interface SessionManagerOptions {
  server: URL;
  caPem?: string;
  instanceId: string;
  logger: Logger;
}

/** How long a finished session waits for the client to acknowledge its last output. */
const FLUSH_TIMEOUT_MS = 5000;

export type SessionHandler = (start: SessionStartMessage, io: SessionIo, signal: AbortSignal) => Promise<SessionOutcome>;

export function handlerFor(sessionType: string): SessionHandler | undefined {
  if (sessionType === 'Port') return runPortSession;
  if (sessionType === 'Standard_Stream' || sessionType === 'InteractiveCommands' || sessionType === 'NonInteractiveCommands') return runCommandSession;
  return undefined;
}

export class SessionManager {
  private send: Send | undefined;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /** session_ended reports not yet delivered (the agent channel was down). */
  private readonly unsent: SessionEndedMessage[] = [];

  constructor(private readonly options: SessionManagerOptions) {
    trace?.('name agent');
  }

  attach(send: Send | undefined): void {
    this.send = send;
    if (!send) return;
    for (const message of this.unsent.splice(0)) this.report(message);
  }

  get active(): number {
    return this.running.size;
  }

  onStart(start: SessionStartMessage): void {
    if (this.running.has(start.sessionId)) return; // a resend after a reconnect: it runs already
    const controller = new AbortController();
    const done = this.run(start, controller.signal).finally(() => this.running.delete(start.sessionId));
    this.running.set(start.sessionId, { controller, done });
  }

  onTerminate(message: SessionTerminateMessage): void {
    this.running.get(message.sessionId)?.controller.abort(message.reason || 'terminated');
  }

  async stopAll(): Promise<void> {
    const sessions = [...this.running.values()];
    for (const session of sessions) session.controller.abort('the agent is stopping');
    await Promise.all(sessions.map((s) => s.done));
  }

  private report(message: SessionEndedMessage): void {
    if (!this.send?.(message)) this.unsent.push(message);
  }

  private async run(start: SessionStartMessage, signal: AbortSignal): Promise<void> {
    const logger = this.options.logger.child({ sessionId: start.sessionId });
    const handler = handlerFor(start.sessionType);
    if (!handler) {
      logger.warn('unsupported session type', { sessionType: start.sessionType });
      this.report({ type: 'session_ended', sessionId: start.sessionId, exitCode: 1, reason: `this agent cannot run ${start.sessionType} sessions` });
      return;
    }
    logger.info('session starting', { sessionType: start.sessionType, documentName: start.documentName });
    let ws: WebSocket | undefined;
    let outcome: SessionOutcome;
    const local = new AbortController();
    const onAbort = () => local.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      ws = await openDataSocket({
        server: this.options.server,
        caPem: this.options.caPem,
        path: start.dataChannelPath,
        hello: { instanceId: this.options.instanceId, token: start.agentToken },
      });
      const socket = ws;
      const channel = new AgentDataChannel({ send: corkedSender(socket), intact: unmaskedIsSafe(new URL(socket.url)) }, (msg, fields) => logger.debug(msg, fields));
      socket.on('message', (data: Buffer, isBinary) => {
        trace?.(`agent from-server ${String.fromCharCode(data[4])} ${data.length}`);
        if (isBinary) channel.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
      socket.on('close', (code, reason) => local.abort(`the data channel closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`));
      socket.on('error', (error) => logger.debug('data channel socket error', { error: error.message }));
      channel.onClosed((why) => local.abort(why));
      const clientVersion = await channel.handshake(start.sessionType, start.properties ?? {}, local.signal);
      logger.info('session handshake complete', { clientVersion });
      outcome = await handler(start, channel.io, local.signal);
      if (!local.signal.aborted) await channel.flush(FLUSH_TIMEOUT_MS);
      channel.close();
    } catch (error) {
      outcome = { exitCode: 1, reason: (error as Error).message };
    } finally {
      signal.removeEventListener('abort', onAbort);
      ws?.close(1000, 'session ended');
    }
    logger.info('session ended', { exitCode: outcome.exitCode, reason: outcome.reason });
    this.report({ type: 'session_ended', sessionId: start.sessionId, ...outcome });
  }
}
