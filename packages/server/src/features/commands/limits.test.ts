import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseLimit } from './limits';
import { commandStatus, countInvocations } from './statuses';

it('MaxConcurrency and MaxErrors as numbers or percentages of the targets', () => {
  assert.equal(parseLimit('10%', 25, 'concurrency'), 3, 'concurrency rounds up');
  assert.equal(parseLimit('1%', 5, 'concurrency'), 1, 'at least one at a time');
  assert.equal(parseLimit('10%', 25, 'errors'), 2, 'errors round down');
  assert.equal(parseLimit('0', 25, 'errors'), 0);
  assert.equal(parseLimit('7', 3, 'concurrency'), 7);
  assert.throws(() => parseLimit('ten', 3, 'errors'), /Invalid MaxErrors value/);
  assert.throws(() => parseLimit('150%', 3, 'concurrency'), /percentage/);
});

it('command status from its invocations', () => {
  const s = (details: Parameters<typeof countInvocations>[0], maxErrors = 0, cancel = false) => commandStatus(countInvocations(details), maxErrors, cancel);
  assert.deepEqual(s(['Success', 'Success']), { status: 'Success', details: 'Success' });
  assert.deepEqual(s(['Success', 'Pending']), { status: 'InProgress', details: 'InProgress' });
  assert.deepEqual(s(['Pending', 'Pending']), { status: 'Pending', details: 'Pending' });
  assert.deepEqual(s(['Failed', 'Terminated']), { status: 'Failed', details: 'Failed' });
  assert.deepEqual(s(['ExecutionTimedOut', 'Terminated']), { status: 'TimedOut', details: 'ExecutionTimedOut' });
  assert.deepEqual(s(['Success', 'DeliveryTimedOut']), { status: 'TimedOut', details: 'DeliveryTimedOut' });
  assert.deepEqual(s(['Success', 'Undeliverable']), { status: 'Failed', details: 'Incomplete' });
  assert.deepEqual(s(['Cancelled', 'Cancelling'], 0, true), { status: 'Cancelling', details: 'Cancelling' });
  assert.deepEqual(s(['Cancelled', 'Success'], 0, true), { status: 'Cancelled', details: 'Cancelled' });
  assert.deepEqual(s([]), { status: 'Success', details: 'NoInstancesInTag' });
});
