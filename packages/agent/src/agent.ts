/**
 * `bosun-agent run`: keeps one outbound channel to the server for as long as the agent lives,
 * reconnecting with jittered exponential backoff, until it is stopped or the server refuses the
 * node for good (deregistered).
 */
import path from 'node:path';
import type { NodeFacts, RoleCredentials } from '@bosun/protocol/agent/messages';
import { backoffDelay, type BackoffOptions } from './channel/backoff';
import { runSession } from './channel/channel-session';
import { collectFacts } from './facts/collect-facts';
import { JobLedger } from './jobs/job-ledger';
import { JobRunner } from './jobs/job-runner';
import type { Logger } from './log/logger';
import type { AgentPlugin } from './plugins/plugin';
import { PluginRegistry } from './plugins/registry';
import { SessionManager } from './session/session-manager';
import { LEDGER_FILE, loadRegistration } from './state/state-dir';
import { channelUrl } from './tls/server-url';

/** How long a connection must last before the next disconnect starts the backoff afresh. */
const STABLE_CONNECTION_MS = 10_000;

export interface AgentOptions {
  stateDir: string;
  logger: Logger;
  plugins?: readonly AgentPlugin[];
  backoff?: BackoffOptions;
  /** Where the node's facts come from (tests substitute changing facts). */
  facts?: () => NodeFacts;
}

export type AgentExit = { reason: 'stopped' } | { reason: 'refused'; code: string; message: string };

export interface RunningAgent {
  instanceId: string;
  done: Promise<AgentExit>;
  stop(): Promise<AgentExit>;
  /** The role credentials the server last gave this node (memory only, never written to disk). */
  credentials(): RoleCredentials | undefined;
}

export function startAgent(options: AgentOptions): RunningAgent {
  const registration = loadRegistration(options.stateDir);
  const logger = options.logger.child({ instanceId: registration.instanceId });
  const url = channelUrl(new URL(registration.serverUrl));
  const stopper = new AbortController();
  let credentials: RoleCredentials | undefined;
  const plugins = new PluginRegistry(options.plugins ?? []);
  const resumable = new Set((options.plugins ?? []).flatMap((p) => p.pendingResumes?.().map((r) => r.jobId) ?? []));
  const ledger = new JobLedger(path.join(options.stateDir, LEDGER_FILE), resumable);
  const jobs = new JobRunner(
    ledger,
    plugins,
    { instanceId: registration.instanceId, region: registration.region, credentials: () => credentials },
    logger,
  );
  const sessions = new SessionManager({ server: new URL(registration.serverUrl), caPem: registration.caPem, instanceId: registration.instanceId, logger });
  let expiryWarning: NodeJS.Timeout | undefined;
  const keepCredentials = (fresh: RoleCredentials | undefined) => {
    if (!fresh) return;
    credentials = fresh;
    logger.debug('role credentials updated', { expiration: fresh.expiration });
    // The server refreshes them before they expire; say so if that did not happen.
    clearTimeout(expiryWarning);
    const ms = Date.parse(fresh.expiration) - Date.now();
    if (ms > 0 && ms < 2 ** 31) {
      expiryWarning = setTimeout(() => logger.warn('the role credentials expired without a refresh from the server', { expiration: fresh.expiration }), ms);
      expiryWarning.unref();
    }
  };

  const loop = async (): Promise<AgentExit> => {
    let attempt = 0;
    while (!stopper.signal.aborted) {
      let welcomedAt: number | undefined;
      logger.info('connecting', { url: url.href, attempt });
      const end = await runSession(
        {
          url,
          caPem: registration.caPem,
          instanceId: registration.instanceId,
          privateKey: registration.privateKey,
          facts: options.facts ?? collectFacts,
          logger,
          onWelcome: (welcome, send) => {
            welcomedAt = Date.now();
            keepCredentials(welcome.credentials);
            logger.info('connected; the node is online', { heartbeatSeconds: welcome.heartbeatSeconds });
            jobs.attach(send);
            sessions.attach(send);
            // after a reboot, unfinished jobs go on once their output has somewhere to go
            jobs.resume();
          },
          onMessage: (message) => {
            if (message.type === 'credentials') keepCredentials(message.credentials);
            else if (message.type === 'job') jobs.onJob(message);
            else if (message.type === 'job-cancel') jobs.onCancel(message.jobId);
            else if (message.type === 'session_start') sessions.onStart(message);
            else if (message.type === 'session_terminate') sessions.onTerminate(message);
          },
        },
        stopper.signal,
      );
      jobs.attach(undefined);
      sessions.attach(undefined);
      if (end.kind === 'stopped') break;
      // Only a connection that lasted resets the backoff: a server that welcomes and drops at
      // once (overloaded, or a cloned node fighting for its id) must not be redialled in a loop.
      if (welcomedAt !== undefined && Date.now() - welcomedAt >= STABLE_CONNECTION_MS) attempt = 0;
      if (end.kind === 'refused') {
        if (!end.retry) {
          const reason = end.message.replace(/\.+$/, '');
          logger.error(`the server refused this node for good (${end.code}): ${reason}. The agent stops; register the node again (bosun-agent register --force) to rejoin.`, {
            code: end.code,
          });
          return { reason: 'refused', code: end.code, message: end.message };
        }
        logger.warn('the server refused the handshake; will retry', { code: end.code, message: end.message });
      } else {
        logger.warn('disconnected', { code: end.code, reason: end.reason || undefined, error: end.error, wasOnline: end.welcomed });
      }
      const delay = backoffDelay(attempt++, options.backoff);
      logger.info('reconnecting after backoff', { delayMs: delay });
      await sleep(delay, stopper.signal);
    }
    return { reason: 'stopped' };
  };

  const done = loop().finally(async () => {
    clearTimeout(expiryWarning);
    await Promise.all([jobs.stopAll(), sessions.stopAll()]);
    ledger.close();
  });
  return {
    instanceId: registration.instanceId,
    done,
    credentials: () => credentials,
    stop: () => {
      stopper.abort();
      return done;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
