import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signDelivery } from './signature';

export interface WebhookResult {
  ok: boolean;
  statusCode?: number;
  error?: string;
  /** Whether trying again could help. */
  retryable: boolean;
}

/** One signed POST of one event to one webhook, bounded by `timeoutMs`. Never throws. */
export async function postWebhook(
  target: { url: string; secret: string },
  event: { id: string; body: string },
  options: { timeoutMs: number; attempt: number; now?: Date; signal?: AbortSignal },
): Promise<WebhookResult> {
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Bosun-Events/1.0',
        [SIGNATURE_HEADER]: signDelivery(target.secret, timestamp, event.body),
        [TIMESTAMP_HEADER]: String(timestamp),
        'X-Bosun-Event-Id': event.id,
        'X-Bosun-Delivery-Attempt': String(options.attempt),
      },
      body: event.body,
      redirect: 'manual',
      signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs),
    });
    // The answer's body is of no use; drain it so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status, retryable: false };
    // AWS: EventBridge API destinations retry 429 and 5xx answers; other 4xx answers are final.
    const retryable = response.status === 429 || response.status >= 500;
    return { ok: false, statusCode: response.status, error: `HTTP ${response.status}`, retryable };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    const reason = e.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (e.cause?.code ?? e.message);
    return { ok: false, error: reason, retryable: true };
  }
}
