import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { dialectOf, type Database, type Db } from '../db/index';
import { headMac, recordHash, type ChainedFields } from './chain';
import { redact } from './redact';
import type { AuditEvent, AuditEventInput, AuditPrincipal } from './types';
import type { AuditEventResourcesTable } from './tables';

/**
 * Appends one record to the audit chain and moves the head, in one transaction. The head row is
 * locked first, so appenders in several server processes sharing one PostgreSQL take turns;
 * SQLite has one writer, and taking the write lock before reading keeps its snapshot current.
 */
export async function appendAuditEvent(db: Db, chainKey: Buffer, event: AuditEventInput): Promise<AuditEvent> {
  const [row] = await appendAuditEvents(db, chainKey, [event]);
  return row;
}

/**
 * Appends several records, in order, in one transaction: one head lock and one head update
 * for the lot. This is how a busy server keeps an audit record per call without a
 * transaction per call (see writer.ts).
 */
export async function appendAuditEvents(db: Db, chainKey: Buffer, events: AuditEventInput[]): Promise<AuditEvent[]> {
  if (events.length === 0) return [];
  const postgres = dialectOf(db) === 'postgres';
  const prepared = events.map((event) => ({ fields: toFields(event), resources: event.resources ?? [] }));
  return db.transaction().execute(async (trx) => {
    const head = await lockHead(trx, postgres);
    let { seq, hash } = head;
    const rows: AuditEvent[] = [];
    const index: AuditEventResourcesTable[] = [];
    for (const { fields, resources } of prepared) {
      seq += 1;
      const next = recordHash(chainKey, hash, fields);
      rows.push({ seq, ...fields, prev_hash: hash, hash: next });
      hash = next;
      for (const r of resources) {
        index.push({ event_id: fields.event_id, account_id: fields.account_id, region: fields.region, resource_type: r.type, resource_name: r.name });
      }
    }
    // Chunked: PostgreSQL caps the number of bind parameters in one statement.
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('audit_events').values(rows.slice(i, i + 200)).execute();
    for (let i = 0; i < index.length; i += 500) await trx.insertInto('audit_event_resources').values(index.slice(i, i + 500)).execute();
    await trx.updateTable('audit_chain_head')
      .set({ seq, hash, mac: headMac(chainKey, seq, hash) })
      .where('id', '=', 'main')
      .execute();
    return rows;
  });
}

async function lockHead(trx: Transaction<Database>, postgres: boolean): Promise<{ seq: number; hash: string }> {
  const select = trx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 'main');
  let head;
  if (postgres) {
    head = await select.forUpdate().executeTakeFirst();
  } else {
    // A no-op write first: SQLite then holds the write lock for the rest of the transaction
    // (waiting on busy_timeout), instead of failing with SQLITE_BUSY when it upgrades later.
    await trx.updateTable('audit_chain_head').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 'main').execute();
    head = await select.executeTakeFirst();
  }
  if (!head) throw new Error('the audit chain head row is missing; run the audit verification');
  return { seq: Number(head.seq), hash: head.hash };
}

/** The stored columns of one event: secrets redacted, JSON as text, CloudTrail's identity names. */
export function toFields(event: AuditEventInput): ChainedFields {
  const p = event.principal;
  const request = redact(event.requestParameters ?? {}, event.sensitiveRequestPaths ?? []);
  const response = event.responseElements === undefined
    ? undefined
    : redact(event.responseElements, event.sensitiveResponsePaths ?? []);
  return {
    event_id: event.eventId ?? crypto.randomUUID(),
    event_time: event.eventTime.toISOString(),
    account_id: event.accountId,
    region: event.region,
    principal_type: p ? identityType(p) : null,
    principal_arn: p?.arn ?? null,
    principal_id: p?.userId ?? null,
    user_name: p ? lookupUsername(p) : null,
    access_key_id: p?.accessKeyId ?? null,
    source_ip: event.sourceIp,
    user_agent: event.userAgent,
    event_source: event.eventSource,
    event_name: event.eventName,
    read_only: event.readOnly ? 1 : 0,
    request_parameters: toJson(request),
    response_elements: response === undefined || response === null ? null : toJson(response),
    error_code: event.errorCode ?? null,
    error_message: event.errorMessage ?? null,
    request_id: event.requestId,
    resources: toJson((event.resources ?? []).map((r) => ({ type: r.type, name: r.name, ...(r.arn ? { arn: r.arn } : {}) }))),
  };
}

// AWS: CloudTrail's userIdentity.type values.
function identityType(p: AuditPrincipal): string {
  switch (p.type) {
    case 'root': return 'Root';
    case 'user': return 'IAMUser';
    case 'assumed-role': return 'AssumedRole';
    case 'federated-user': return 'FederatedUser';
  }
}

// AWS: LookupEvents' Username is the user name, `root` for the root user, and the role session
// name for an assumed role (the last part of its ARN).
function lookupUsername(p: AuditPrincipal): string {
  switch (p.type) {
    case 'root': return 'root';
    case 'user': return p.userName ?? p.name;
    case 'assumed-role': return p.arn.split('/').pop() ?? p.name;
    case 'federated-user': return p.name;
  }
}

/** JSON text; binary values become base64 rather than `{"type":"Buffer",…}`. */
function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    if (raw instanceof Uint8Array) return Buffer.from(raw).toString('base64');
    return v;
  });
}
