import type { Logger } from 'pino';
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import { claimDueDeliveries, type ClaimedDelivery } from './claim';
import { postWebhook, type WebhookResult } from './post-webhook';
import { renderEvent } from './render';
import { bindSecrets, openSecret } from './subscriptions';

export interface EventDeliveryOptions {
  db: Db;
  secrets: SecretBox;
  logger: Logger;
  /** How often to look for due deliveries. */
  pollMs?: number;
  /** Attempts before a delivery is given up (status `failed`). */
  maxAttempts?: number;
  /** The first retry's delay; each further retry doubles it (±20% jitter). */
  baseDelayMs?: number;
  /** How long one POST may take. */
  timeoutMs?: number;
  maxInFlight?: number;
  perSubscription?: number;
}

export interface EventDelivery {
  /** Claims and starts what is due now; resolves with how many were started. */
  poll(): Promise<number>;
  /** Stops polling and waits for the sends already under way. */
  stop(): Promise<void>;
}

/**
 * 10 attempts with delays of 7 s, 14 s, 28 s … 30 min: about an hour in all before an event is
 * given up, long enough to ride out a receiver's restart or deploy.
 */
export const DEFAULT_MAX_ATTEMPTS = 10;
export const DEFAULT_BASE_DELAY_MS = 7_000;

/** Runs on every replica: deliveries are spread over all of them (see claim.ts). */
export function startEventDelivery(options: EventDeliveryOptions): EventDelivery {
  const { db, secrets, logger } = options;
  bindSecrets(db, secrets);
  const pollMs = options.pollMs ?? 1_000;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxInFlight = options.maxInFlight ?? 32;
  const perSubscription = options.perSubscription ?? 4;
  const inFlight = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  // Stopping aborts sends under way; their claims lapse and another worker (or the next start) retries them.
  const stopping = new AbortController();
  let polling: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function claimAndStart(): Promise<number> {
    const now = new Date();
    const claimed = await claimDueDeliveries(db, {
      now,
      // The lease outlives the POST's timeout, so a live worker never loses its claim.
      leaseMs: timeoutMs + 30_000,
      limit: maxInFlight - running.size,
      perSubscription,
      inFlight,
    });
    for (const job of claimed) {
      inFlight.set(job.subscriptionId, (inFlight.get(job.subscriptionId) ?? 0) + 1);
      const task: Promise<void> = deliver(job)
        .catch(async (err) => {
          // E.g. a secret that no longer opens: count it as a failed attempt so it cannot loop forever.
          logger.error({ err, deliveryId: job.id }, 'event delivery failed unexpectedly');
          await recordResult(job, { ok: false, error: 'internal error in the delivery worker', retryable: true }).catch(() => undefined);
        })
        .finally(() => {
          running.delete(task);
          const n = (inFlight.get(job.subscriptionId) ?? 1) - 1;
          if (n <= 0) inFlight.delete(job.subscriptionId); else inFlight.set(job.subscriptionId, n);
          // A freed slot may let a waiting delivery go now rather than at the next poll.
          if (!stopped) schedule(0);
        });
      running.add(task);
    }
    return claimed.length;
  }

  async function deliver(job: ClaimedDelivery): Promise<void> {
    const sub = await db.selectFrom('event_subscriptions').selectAll().where('id', '=', job.subscriptionId).executeTakeFirst();
    const event = await db.selectFrom('events').selectAll().where('id', '=', job.eventId).executeTakeFirst();
    if (!sub || !event) {
      await db.deleteFrom('event_deliveries').where('id', '=', job.id).execute();
      return;
    }
    const result = await postWebhook(
      { url: sub.url, secret: openSecret(secrets, sub) },
      { id: event.id, body: JSON.stringify(renderEvent(event)) },
      { timeoutMs, attempt: job.attempt, signal: stopping.signal },
    );
    if (stopping.signal.aborted) return;
    await recordResult(job, result);
  }

  async function recordResult(job: ClaimedDelivery, result: WebhookResult): Promise<void> {
    const now = new Date();
    const at = now.toISOString();
    const final = result.ok || !result.retryable || job.attempt >= maxAttempts;
    const delay = baseDelayMs * 2 ** (job.attempt - 1) * (0.8 + Math.random() * 0.4);
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('event_deliveries')
        .set({
          status: result.ok ? 'delivered' : final ? 'failed' : 'pending',
          next_attempt_at: final ? at : new Date(now.getTime() + delay).toISOString(),
          last_status_code: result.statusCode ?? null,
          last_error: result.error ?? null,
          finished_at: final ? at : null,
        })
        .where('id', '=', job.id)
        .execute();
      await tx.updateTable('event_subscriptions')
        .set(result.ok
          ? { last_success_at: at, consecutive_failures: 0 }
          : (eb) => ({ last_failure_at: at, last_error: result.error ?? null, consecutive_failures: eb('consecutive_failures', '+', 1) }))
        .where('id', '=', job.subscriptionId)
        .execute();
    });
    if (!result.ok) {
      const log = final ? logger.warn.bind(logger) : logger.debug.bind(logger);
      log({ deliveryId: job.id, eventId: job.eventId, attempt: job.attempt, error: result.error }, final ? 'webhook delivery given up' : 'webhook delivery will be retried');
    }
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void poll(), ms);
    timer.unref?.();
  }

  async function poll(): Promise<number> {
    if (polling) return polling;
    polling = claimAndStart()
      .catch((err) => {
        if (!stopped) logger.error({ err }, 'could not claim event deliveries');
        return 0;
      })
      .finally(() => {
        polling = undefined;
        schedule(pollMs);
      });
    return polling;
  }

  schedule(0);
  return {
    poll,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      stopping.abort();
      await polling?.catch(() => undefined);
      await Promise.allSettled([...running]);
    },
  };
}
