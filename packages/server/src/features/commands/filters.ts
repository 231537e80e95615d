/** ListCommands / ListCommandInvocations filters, as AWS reads them. */
import type { CommandFilter } from '@bosun/protocol/generated/ssm/types';
import { AwsError } from '../../operations/errors';
import type { CommandRow } from './store';

export interface CommandFilters {
  after?: string;
  before?: string;
  status?: string;
  documentName?: string;
}

export function parseFilters(filters: CommandFilter[] | undefined): CommandFilters {
  const out: CommandFilters = {};
  for (const f of filters ?? []) {
    if (f.key === 'InvokedAfter' || f.key === 'InvokedBefore') {
      const t = Date.parse(f.value);
      if (Number.isNaN(t)) throw new AwsError('InvalidFilterValue', `${f.value} is not a valid timestamp for ${f.key}.`);
      if (f.key === 'InvokedAfter') out.after = new Date(t).toISOString(); else out.before = new Date(t).toISOString();
    } else if (f.key === 'Status') out.status = f.value;
    else if (f.key === 'DocumentName') out.documentName = f.value;
    else if (f.key === 'ExecutionStage') {
      // AWS: ExecutionStage Executing/Complete; mapped onto statuses.
      out.status = f.value === 'Executing' ? 'InProgress' : f.value === 'Complete' ? 'Complete' : f.value;
    } else throw new AwsError('InvalidFilterKey', `The filter key ${String(f.key)} is not valid.`);
  }
  return out;
}

/** AWS: Status filters match Status or StatusDetails; TimedOut covers both timeouts. */
export function statusMatches(wanted: string | undefined, status: string, details: string): boolean {
  if (!wanted) return true;
  if (wanted === 'Complete') return !['Pending', 'InProgress', 'Delayed', 'Cancelling'].includes(status);
  if (wanted === 'TimedOut') return details === 'DeliveryTimedOut' || details === 'ExecutionTimedOut' || status === 'TimedOut';
  return status === wanted || details === wanted;
}

export function commandMatches(f: CommandFilters, c: CommandRow): boolean {
  if (f.after && c.requested_at < f.after) return false;
  if (f.before && c.requested_at > f.before) return false;
  if (f.documentName && c.document_name !== f.documentName) return false;
  return statusMatches(f.status, c.status, c.status_details);
}
