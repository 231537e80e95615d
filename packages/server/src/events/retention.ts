import type { Db } from '../db/index';

/** AWS: CloudTrail's event history keeps 90 days; the event log keeps as long. */
export const EVENT_RETENTION_DAYS = 90;
/** Finished deliveries only explain recent failures; a week is enough to debug a webhook. */
export const DELIVERY_RETENTION_DAYS = 7;

const DAY = 86_400_000;

/** Drops events and finished deliveries past their retention; returns how many rows went. */
export async function pruneEventLog(db: Db, now: Date, options: { eventDays?: number; deliveryDays?: number } = {}): Promise<{ events: number; deliveries: number }> {
  const eventCutoff = new Date(now.getTime() - (options.eventDays ?? EVENT_RETENTION_DAYS) * DAY).toISOString();
  const deliveryCutoff = new Date(now.getTime() - (options.deliveryDays ?? DELIVERY_RETENTION_DAYS) * DAY).toISOString();
  return db.transaction().execute(async (tx) => {
    const finished = await tx.deleteFrom('event_deliveries')
      .where('status', '!=', 'pending').where('finished_at', '<', deliveryCutoff).executeTakeFirst();
    // Deliveries of expired events go with them, whatever their state.
    const orphaned = await tx.deleteFrom('event_deliveries')
      .where('event_id', 'in', (eb) => eb.selectFrom('events').select('id').where('time', '<', eventCutoff)).executeTakeFirst();
    const events = await tx.deleteFrom('events').where('time', '<', eventCutoff).executeTakeFirst();
    return { events: Number(events.numDeletedRows), deliveries: Number(finished.numDeletedRows) + Number(orphaned.numDeletedRows) };
  });
}
