import crypto from 'node:crypto';

/**
 * A new audit event id: a UUID (CloudTrail's EventId format) whose first 48 bits are the
 * millisecond clock, laid out as RFC 9562's version 7. Random (v4) ids landed each new record
 * on a random leaf of the event_id indexes, so a batch of n records rewrote about 2n index pages
 * at commit; time-ordered ids append at the right edge, a page or two per batch. The other 74
 * bits are random, so ids stay unguessable and unique across server processes.
 */
export function newEventId(now: number = Date.now()): string {
  // randomUUID draws from a pooled entropy cache; its variant bits are already RFC 9562's.
  const random = crypto.randomUUID();
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
