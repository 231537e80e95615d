/**
 * Run Command's status machine as AWS reports it. An invocation's StatusDetails says why;
 * Status is the coarse state clients filter on; the command's status is derived from the
 * counts, and only some details count against MaxErrors.
 */
import type { CommandInvocationStatus, CommandStatus } from '@bosun/protocol/generated/ssm/types';

export type InvocationDetail =
  | 'Pending' | 'InProgress' | 'Delayed' | 'Success' | 'Failed' | 'Cancelling' | 'Cancelled'
  | 'DeliveryTimedOut' | 'ExecutionTimedOut' | 'Undeliverable' | 'Terminated' | 'InvalidPlatform';

/** AWS: the coarse Status behind each detail. */
export const STATUS_OF: Record<InvocationDetail, CommandInvocationStatus> = {
  Pending: 'Pending',
  InProgress: 'InProgress',
  Delayed: 'Delayed',
  Success: 'Success',
  Failed: 'Failed',
  Cancelling: 'Cancelling',
  Cancelled: 'Cancelled',
  DeliveryTimedOut: 'TimedOut',
  ExecutionTimedOut: 'TimedOut',
  // AWS: undeliverable, terminated (MaxErrors reached) and wrong-platform invocations are failures.
  Undeliverable: 'Failed',
  Terminated: 'Failed',
  InvalidPlatform: 'Failed',
};

export const TERMINAL: ReadonlySet<InvocationDetail> = new Set([
  'Success', 'Failed', 'Cancelled', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Undeliverable', 'Terminated', 'InvalidPlatform',
]);

/**
 * AWS: failures and execution timeouts count against MaxErrors; delivery timeouts, undeliverable
 * and invalid-platform invocations do not (they only keep the command from Success: Incomplete).
 */
export const COUNTS_AS_ERROR: ReadonlySet<InvocationDetail> = new Set(['Failed', 'ExecutionTimedOut']);

export interface InvocationCounts {
  total: number;
  terminal: number;
  success: number;
  errors: number;
  failed: number;
  executionTimedOut: number;
  deliveryTimedOut: number;
  cancelled: number;
  undeliverable: number;
  cancelling: number;
  /** Sent and not finished: InProgress, Delayed, Cancelling. */
  inFlight: number;
}

export function countInvocations(details: InvocationDetail[]): InvocationCounts {
  const c: InvocationCounts = { total: details.length, terminal: 0, success: 0, errors: 0, failed: 0, executionTimedOut: 0, deliveryTimedOut: 0, cancelled: 0, undeliverable: 0, cancelling: 0, inFlight: 0 };
  for (const d of details) {
    if (TERMINAL.has(d)) c.terminal++;
    if (COUNTS_AS_ERROR.has(d)) c.errors++;
    if (d === 'Success') c.success++;
    if (d === 'Failed' || d === 'InvalidPlatform') c.failed++;
    if (d === 'ExecutionTimedOut') c.executionTimedOut++;
    if (d === 'DeliveryTimedOut') c.deliveryTimedOut++;
    if (d === 'Cancelled') c.cancelled++;
    if (d === 'Undeliverable') c.undeliverable++;
    if (d === 'Cancelling') c.cancelling++;
    if (d === 'InProgress' || d === 'Delayed' || d === 'Cancelling') c.inFlight++;
  }
  return c;
}

/** AWS: more than MaxErrors errors stops sending to further targets. */
export const errorLimitReached = (c: InvocationCounts, maxErrors: number): boolean => c.errors > maxErrors;

/**
 * The command's Status and StatusDetails from its invocations. `cancelRequested` is set by
 * CancelCommand for the whole command.
 */
export function commandStatus(c: InvocationCounts, maxErrors: number, cancelRequested: boolean): { status: CommandStatus; details: string } {
  if (c.total === 0) return { status: 'Success', details: 'NoInstancesInTag' };
  if (c.terminal < c.total) {
    if (cancelRequested) return { status: 'Cancelling', details: 'Cancelling' };
    const started = c.terminal > 0 || c.inFlight > 0;
    return started ? { status: 'InProgress', details: 'InProgress' } : { status: 'Pending', details: 'Pending' };
  }
  if (cancelRequested && c.cancelled > 0) return { status: 'Cancelled', details: 'Cancelled' };
  if (c.success === c.total) return { status: 'Success', details: 'Success' };
  if (c.errors > maxErrors) {
    // AWS: the detail names what pushed the command over its limit.
    return c.executionTimedOut > c.failed
      ? { status: 'TimedOut', details: 'ExecutionTimedOut' }
      : { status: 'Failed', details: 'Failed' };
  }
  if (c.deliveryTimedOut > maxErrors && c.deliveryTimedOut + c.success === c.total) return { status: 'TimedOut', details: 'DeliveryTimedOut' };
  if (c.cancelled > 0 && c.cancelled + c.success === c.total) return { status: 'Cancelled', details: 'Cancelled' };
  // AWS: attempted everywhere, not all Success, not enough errors to fail.
  return { status: 'Failed', details: 'Incomplete' };
}
