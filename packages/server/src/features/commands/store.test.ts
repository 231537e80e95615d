/**
 * Run Command's store on SQLite and PostgreSQL: a command and its invocations are written
 * together, the command's counts and status follow its invocations the way AWS counts them,
 * and a node's undelivered invocations are found for redelivery.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../../test/databases';
import { findCommand, insertCommand, invocationsOf, refreshCommand, undeliveredFor, updateInvocation, type CommandRow, type InvocationRow } from './store';

const command = (id: string): CommandRow => ({
  command_id: id, account_id: '111122223333', region: 'us-east-1', document_name: 'AWS-RunShellScript', document_version: '1',
  document_snapshot: '{"steps":[]}', comment: '', parameters: '{}', instance_ids: '[]', targets: '[]',
  requested_at: '2026-01-01T00:00:00.000Z', expires_after: '2026-01-01T01:00:00.000Z', timeout_seconds: 3600,
  max_concurrency: '50', max_errors: '1', status: 'Pending', status_details: 'Pending', target_count: 0, completed_count: 0,
  error_count: 0, delivery_timed_out_count: 0, output_s3_bucket_name: '', output_s3_key_prefix: '', notification_config: '',
  service_role: '', requester_arn: 'arn:aws:iam::111122223333:root',
});
const invocation = (commandId: string, n: number): InvocationRow => ({
  command_id: commandId, instance_id: `mi-0000000000000000${n}`, account_id: '111122223333', region: 'us-east-1', position: n,
  status: 'Pending', status_details: 'Pending', sent_at: null, acked_at: null, started_at: null, finished_at: null, response_code: -1, plugins: '[]',
});

forEachDatabase('run command store', (fx) => {
  it('writes a command with its invocations and counts them as AWS does', async () => {
    const c = command('c-1');
    await insertCommand(fx.db, c, [0, 1, 2, 3].map((n) => invocation('c-1', n)));
    assert.equal((await invocationsOf(fx.db, 'c-1')).length, 4);
    await updateInvocation(fx.db, 'c-1', 'mi-00000000000000000', { status: 'Success', status_details: 'Success' });
    await updateInvocation(fx.db, 'c-1', 'mi-00000000000000001', { status: 'InProgress', status_details: 'InProgress', sent_at: 'x' });
    let { row, changed } = await refreshCommand(fx.db, c);
    assert.equal(changed, true);
    assert.deepEqual([row.status, row.completed_count, row.error_count], ['InProgress', 1, 0]);
    // A delivery timeout is not an error (AWS), a failure is; with MaxErrors 1 the command is Incomplete.
    await updateInvocation(fx.db, 'c-1', 'mi-00000000000000001', { status: 'Failed', status_details: 'Failed' });
    await updateInvocation(fx.db, 'c-1', 'mi-00000000000000002', { status: 'TimedOut', status_details: 'DeliveryTimedOut' });
    await updateInvocation(fx.db, 'c-1', 'mi-00000000000000003', { status: 'Success', status_details: 'Success' });
    ({ row } = await refreshCommand(fx.db, row));
    assert.deepEqual([row.status, row.status_details, row.completed_count, row.error_count, row.delivery_timed_out_count], ['Failed', 'Incomplete', 4, 1, 1]);
    assert.equal((await findCommand(fx.db, '111122223333', 'us-east-1', 'c-1'))!.status_details, 'Incomplete');
    assert.equal(await findCommand(fx.db, '999999999999', 'us-east-1', 'c-1'), undefined, 'another account sees nothing');
  });

  it('finds what a reconnecting node has not acknowledged', async () => {
    await insertCommand(fx.db, command('c-2'), [invocation('c-2', 7)]);
    await updateInvocation(fx.db, 'c-2', 'mi-00000000000000007', { status: 'Delayed', status_details: 'Delayed' });
    assert.deepEqual((await undeliveredFor(fx.db, 'mi-00000000000000007')).map((i) => i.command_id), ['c-2']);
    await updateInvocation(fx.db, 'c-2', 'mi-00000000000000007', { status: 'InProgress', status_details: 'InProgress', acked_at: 'now' });
    assert.deepEqual(await undeliveredFor(fx.db, 'mi-00000000000000007'), []);
  });
});
