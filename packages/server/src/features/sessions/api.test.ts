/**
 * Session Manager's API through @aws-sdk/client-ssm on SQLite and PostgreSQL: AWS's shapes,
 * statuses and errors, the documents and their parameters, and IAM on the node (with its tags),
 * the document and the session ARN.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  CreateDocumentCommand, DescribeSessionsCommand, GetConnectionStatusCommand, ResumeSessionCommand, StartSessionCommand, TerminateSessionCommand,
} from '@aws-sdk/client-ssm';
import { forEachSessionServer, waitFor } from './testing/session-fixture';

const failsWith = async (p: Promise<unknown>, code: string): Promise<Error & { message: string }> => {
  const e = await p.then(() => undefined, (err: Error & { name: string }) => err);
  assert.ok(e, `expected ${code}, the call succeeded`);
  assert.equal(e.name, code, e.message);
  return e;
};

forEachSessionServer('Session Manager API', (f) => {
  it('StartSession answers SessionId, TokenValue and StreamUrl as AWS does; the node gets session_start', async () => {
    const node = await f.node();
    node.answer = false;
    const out = await f.ssm.send(new StartSessionCommand({ Target: node.id, Reason: 'checking disks' }));
    // The bootstrap admin is the IAM user "admin".
    assert.match(out.SessionId!, /^admin-[0-9a-f]{17}$/);
    assert.ok(out.TokenValue && out.TokenValue.length >= 40);
    assert.equal(out.StreamUrl, `${f.t.url.replace('http', 'ws')}/v1/data-channel/${out.SessionId}?role=publish_subscribe`);
    const start = await waitFor('session_start', () => node.starts[0]);
    assert.equal(start.sessionId, out.SessionId);
    assert.equal(start.documentName, 'SSM-SessionManagerRunShell');
    assert.equal(start.sessionType, 'Standard_Stream');
    assert.equal(start.dataChannelPath, `/agent/v1/session/${out.SessionId}`);
    assert.equal(start.runAsEnabled, false);
    assert.notEqual(start.agentToken, out.TokenValue);
    const { Sessions } = await f.ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'SessionId', value: out.SessionId! }] }));
    assert.equal(Sessions!.length, 1);
    const s = Sessions![0];
    assert.deepEqual([s.Target, s.Status, s.DocumentName, s.Reason, s.Owner], [node.id, 'Connecting', 'SSM-SessionManagerRunShell', 'checking disks', f.t.admin.userArn]);
    assert.ok(s.StartDate instanceof Date && s.EndDate === undefined);
    assert.match(s.OutputUrl!.S3OutputUrl!, /\/blobs\/sessions\//);
  });

  it('GetConnectionStatus: connected for a node whose agent is up, notconnected when offline, unknown or not allowed by tag', async () => {
    const up = await f.node({ env: 'dev' });
    const offline = await f.node({ env: 'dev' }, false);
    const status = async (target: string, client = f.ssm) => (await client.send(new GetConnectionStatusCommand({ Target: target })));
    const { Target, Status } = await status(up.id);
    assert.deepEqual([Target, Status], [up.id, 'connected']);
    assert.equal((await status(offline.id)).Status, 'notconnected');
    // AWS: an unknown node is not an error, just not connected.
    assert.equal((await status('mi-0123456789abcdef0')).Status, 'notconnected');
    const prod = await f.node({ env: 'prod' });
    const creds = await f.user('carol', { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: 'ssm:GetConnectionStatus', Resource: 'arn:aws:ssm:*:*:managed-instance/*', Condition: { StringEquals: { 'ssm:resourceTag/env': 'dev' } } },
    ] });
    assert.equal((await status(up.id, f.ssmAs(creds))).Status, 'connected');
    const denied = await failsWith(status(prod.id, f.ssmAs(creds)), 'AccessDeniedException');
    assert.match(denied.message, /ssm:GetConnectionStatus/);
  });

  it('a node that is offline, unknown or of another account is TargetNotConnected', async () => {
    const offline = await f.node({}, false);
    const e = await failsWith(f.ssm.send(new StartSessionCommand({ Target: offline.id })), 'TargetNotConnected');
    assert.match(e.message, new RegExp(`${offline.id} is not connected`));
    await failsWith(f.ssm.send(new StartSessionCommand({ Target: 'mi-0123456789abcdef0' })), 'TargetNotConnected');
  });

  it('documents: AWS port forwarding fills its properties; unknown documents, Command documents and bad parameters are refused', async () => {
    const node = await f.node();
    node.answer = false;
    await f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['5432'] } }));
    const start = await waitFor('session_start', () => node.starts[0]);
    assert.equal(start.sessionType, 'Port');
    assert.deepEqual(start.properties, { portNumber: '5432', type: 'LocalPortForwarding', localPortNumber: '0' });
    await f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'AWS-StartPortForwardingSessionToRemoteHost', Parameters: { host: ['db.internal'], portNumber: ['5432'], localPortNumber: ['15432'] } }));
    const remote = await waitFor('second session_start', () => node.starts[1]);
    assert.deepEqual(remote.properties, { portNumber: '5432', type: 'LocalPortForwarding', localPortNumber: '15432', host: 'db.internal' });
    await f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'AWS-StartInteractiveCommand', Parameters: { command: ['top'] } }));
    const interactive = await waitFor('third session_start', () => node.starts[2]);
    assert.equal(interactive.sessionType, 'InteractiveCommands');
    assert.deepEqual((interactive.properties as any).linux, { commands: 'top', runAsElevated: false });

    await failsWith(f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'No-Such-Document' })), 'InvalidDocument');
    await failsWith(f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'AWS-RunShellScript' })), 'InvalidDocument');
    await failsWith(f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'AWS-StartSSHSession', Parameters: { portNumber: ['99999'] } })), 'InvalidParameters');
    await failsWith(f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'AWS-StartSSHSession', Parameters: { colour: ['red'] } })), 'InvalidParameters');
    await failsWith(f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'AWS-StartPortForwardingSessionToRemoteHost' })), 'InvalidParameters');
  });

  it("the account's own SSM-SessionManagerRunShell sets the preferences; a custom Session document works too", async () => {
    await f.ssm.send(new CreateDocumentCommand({
      Name: 'SSM-SessionManagerRunShell', DocumentType: 'Session', Content: JSON.stringify({
        schemaVersion: '1.0', description: 'prefs', sessionType: 'Standard_Stream',
        inputs: { idleSessionTimeout: '15', maxSessionDuration: '90', runAsEnabled: true, runAsDefaultUser: 'ops', shellProfile: { linux: 'cd /tmp', windows: '' }, s3BucketName: 'logs' },
      }),
    }));
    const node = await f.node();
    node.answer = false;
    const out = await f.ssm.send(new StartSessionCommand({ Target: node.id }));
    const start = await waitFor('session_start', () => node.starts[0]);
    assert.deepEqual([start.runAsEnabled, start.runAsUser, start.shellProfile], [true, 'ops', 'cd /tmp']);
    const { Sessions } = await f.ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'SessionId', value: out.SessionId! }] }));
    assert.equal(Sessions![0].MaxSessionDuration, '90');
    // Port sessions follow the same preferences (AWS); a preference out of range makes the document unusable.
    await f.ssm.send(new CreateDocumentCommand({
      Name: 'Team-Shell', DocumentType: 'Session',
      Content: JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: '120' } }),
    }));
    await failsWith(f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'Team-Shell' })), 'InvalidDocument');
  });

  it('TerminateSession ends it (History, Terminated, EndDate); ResumeSession then gives no token; unknown ids do not exist', async () => {
    const node = await f.node();
    node.answer = false;
    const { SessionId } = await f.ssm.send(new StartSessionCommand({ Target: node.id }));
    const resumed = await f.ssm.send(new ResumeSessionCommand({ SessionId }));
    assert.ok(resumed.TokenValue);
    assert.equal(resumed.SessionId, SessionId);
    assert.equal((await f.ssm.send(new TerminateSessionCommand({ SessionId }))).SessionId, SessionId);
    const terminate = await waitFor('session_terminate', () => node.terminates[0]);
    assert.equal(terminate.sessionId, SessionId);
    const { Sessions } = await f.ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: SessionId! }] }));
    assert.equal(Sessions![0].Status, 'Terminated');
    assert.ok(Sessions![0].EndDate instanceof Date);
    assert.match(Sessions![0].Details!, /TerminateSession/);
    const active = await f.ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'SessionId', value: SessionId! }] }));
    assert.equal(active.Sessions!.length, 0);
    const after = await f.ssm.send(new ResumeSessionCommand({ SessionId }));
    assert.equal(after.TokenValue, undefined);
    // Terminating again changes nothing and succeeds.
    await f.ssm.send(new TerminateSessionCommand({ SessionId }));
    await failsWith(f.ssm.send(new ResumeSessionCommand({ SessionId: 'admin-0123456789abcdef0' })), 'DoesNotExistException');
    await failsWith(f.ssm.send(new TerminateSessionCommand({ SessionId: 'admin-0123456789abcdef0' })), 'DoesNotExistException');
  });

  it('DescribeSessions filters by Target, Owner, Status and time, and pages with signed NextTokens', async () => {
    const node = await f.node({ paging: 'yes' });
    node.answer = false;
    const since = new Date(Date.now() - 1000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await f.ssm.send(new StartSessionCommand({ Target: node.id }))).SessionId!);
    const byTarget = (extra: Array<{ key: any; value: string }> = []) => ({ State: 'Active' as const, Filters: [{ key: 'Target' as const, value: node.id }, ...extra] });
    const first = await f.ssm.send(new DescribeSessionsCommand({ ...byTarget(), MaxResults: 2 }));
    assert.equal(first.Sessions!.length, 2);
    assert.ok(first.NextToken);
    const second = await f.ssm.send(new DescribeSessionsCommand({ ...byTarget(), MaxResults: 2, NextToken: first.NextToken }));
    assert.equal(second.Sessions!.length, 1);
    assert.equal(second.NextToken, undefined);
    assert.deepEqual([...first.Sessions!, ...second.Sessions!].map((s) => s.SessionId).sort(), [...ids].sort());
    assert.equal((await f.ssm.send(new DescribeSessionsCommand(byTarget([{ key: 'Owner', value: f.t.admin.userArn }])))).Sessions!.length, 3);
    assert.equal((await f.ssm.send(new DescribeSessionsCommand(byTarget([{ key: 'Owner', value: 'arn:aws:iam::000000000000:user/nobody' }])))).Sessions!.length, 0);
    assert.equal((await f.ssm.send(new DescribeSessionsCommand(byTarget([{ key: 'Status', value: 'Connecting' }])))).Sessions!.length, 3);
    assert.equal((await f.ssm.send(new DescribeSessionsCommand(byTarget([{ key: 'InvokedAfter', value: since.toISOString() }])))).Sessions!.length, 3);
    assert.equal((await f.ssm.send(new DescribeSessionsCommand(byTarget([{ key: 'InvokedBefore', value: since.toISOString() }])))).Sessions!.length, 0);
    await failsWith(f.ssm.send(new DescribeSessionsCommand({ ...byTarget(), NextToken: 'forged.token' })), 'InvalidNextToken');
    await failsWith(f.ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'InvokedAfter', value: 'yesterday-ish' }] })), 'ValidationException');
  });

  it('IAM: ssm:StartSession on the node (tag conditions) and on the document; Terminate/Resume only on session/${aws:username}-*', async () => {
    const dev = await f.node({ env: 'dev' });
    const prod = await f.node({ env: 'prod' });
    dev.answer = false; prod.answer = false;
    const creds = await f.user('alice', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'ssm:StartSession', Resource: 'arn:aws:ssm:*:*:managed-instance/*', Condition: { StringLike: { 'ssm:resourceTag/env': ['dev'] } } },
        { Effect: 'Allow', Action: 'ssm:StartSession', Resource: ['arn:aws:ssm:*:*:document/SSM-SessionManagerRunShell', 'arn:aws:ssm:*::document/AWS-StartPortForwardingSession'] },
        { Effect: 'Allow', Action: ['ssm:TerminateSession', 'ssm:ResumeSession'], Resource: 'arn:aws:ssm:*:*:session/${aws:username}-*' },
        { Effect: 'Allow', Action: 'ssm:DescribeSessions', Resource: '*' },
      ],
    });
    const alice = f.ssmAs(creds);
    const mine = await alice.send(new StartSessionCommand({ Target: dev.id }));
    assert.match(mine.SessionId!, /^alice-[0-9a-f]{17}$/);
    await alice.send(new StartSessionCommand({ Target: dev.id, DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['80'] } }));
    const denied = await failsWith(alice.send(new StartSessionCommand({ Target: prod.id })), 'AccessDeniedException');
    assert.match(denied.message, new RegExp(`managed-instance/${prod.id}`));
    const noDoc = await failsWith(alice.send(new StartSessionCommand({ Target: dev.id, DocumentName: 'AWS-StartSSHSession' })), 'AccessDeniedException');
    assert.match(noDoc.message, /document\/AWS-StartSSHSession/);
    // Someone else's session: alice may neither resume nor end it.
    const admins = await f.ssm.send(new StartSessionCommand({ Target: dev.id }));
    await failsWith(alice.send(new TerminateSessionCommand({ SessionId: admins.SessionId })), 'AccessDeniedException');
    await failsWith(alice.send(new ResumeSessionCommand({ SessionId: admins.SessionId })), 'AccessDeniedException');
    assert.ok((await alice.send(new ResumeSessionCommand({ SessionId: mine.SessionId }))).TokenValue);
    await alice.send(new TerminateSessionCommand({ SessionId: mine.SessionId }));
  });
});
