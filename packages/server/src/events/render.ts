import type { EventsTable } from './tables';

/** An event as EventBridge delivers it (and as webhooks receive it). */
export interface RenderedEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** AWS: ISO-8601 UTC without milliseconds, e.g. 2026-11-28T14:32:16Z. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export function renderEvent(row: EventsTable): RenderedEvent {
  return {
    version: '0',
    id: row.id,
    'detail-type': row.detail_type,
    source: row.source,
    account: row.account_id,
    time: row.time.replace(/\.\d{3}Z$/, 'Z'),
    region: row.region,
    resources: JSON.parse(row.resources) as string[],
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}
