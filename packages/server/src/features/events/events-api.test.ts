import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { postgresUrl } from '../../../test/databases';
import { openDatabase, dropSchema } from '../../db/index';
import { auditJournalText, signedFetch, startTestServer, type Credentials, type TestServer } from '../../../test/server-harness';
import { emitEvent, verifyDelivery } from '../../events/index';
import { auditIndexed } from '../../audit/index';
import { startReceiver, waitFor, type Receiver } from '../../events/test-receiver';
import { insertUser } from '../../iam/store/users';
import { createAccessKey } from '../../iam/store/access-keys';
import { putInlinePolicy } from '../../iam/store/inline-policies';

const TARGET = 'BosunEvents_20261101';

for (const kind of ['sqlite', 'postgres'] as const) describe(`Bosun events API through the front door [${kind}]`, () => {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  let t: TestServer;
  let hook: Receiver;
  const call = (operation: string, body: object, credentials: Credentials = t.admin) =>
    signedFetch({ url: t.url, credentials, service: 'bosun', target: `${TARGET}.${operation}`, body: JSON.stringify(body) });
  const emit = (n: number, detailType = 'Parameter Store Change') => emitEvent(t.server.context.db, {
    accountId: t.admin.accountId, region: 'us-east-1', source: 'aws.ssm', detailType, resources: [`arn:aws:ssm:us-east-1:${t.admin.accountId}:parameter/p${n}`], detail: { n },
  });

  before(async () => {
    t = await startTestServer(kind === 'postgres' ? { databaseUrl: `${postgresUrl}?schema=${schema}` } : {});
    hook = await startReceiver();
  });
  after(async () => {
    await hook.close();
    await t.close();
    if (kind === 'postgres') {
      const db = await openDatabase(postgresUrl, { migrate: false });
      await dropSchema(db, schema);
      await db.destroy();
    }
  });

  it('creates a subscription, returns its secret once, and delivers matching events signed with it', async () => {
    const res = await call('CreateEventSubscription', { Name: 'ops-hook', Url: hook.url, EventPattern: '{"source":["aws.ssm"],"detail-type":["Parameter Store Change"]}' });
    assert.equal(res.status, 200, res.text);
    const out = res.json();
    assert.equal(out.SubscriptionArn, `arn:aws:bosun:us-east-1:${t.admin.accountId}:event-subscription/ops-hook`);
    assert.match(out.SigningSecret, /^whsec_/);
    await emit(1, 'Something Else');
    const id = await emit(2);
    await waitFor(() => hook.received.length >= 1, 8000, 'the webhook delivery');
    const got = hook.received[0];
    assert.equal(JSON.parse(got.body).id, id, 'only the matching event is delivered');
    assert.ok(verifyDelivery(out.SigningSecret, { signature: got.headers['x-bosun-signature'] as string, timestamp: got.headers['x-bosun-timestamp'] as string }, got.body));
    const list = (await call('ListEventSubscriptions', {})).json();
    assert.equal(list.Subscriptions.length, 1);
    assert.equal(list.Subscriptions[0].Name, 'ops-hook');
    assert.equal(list.Subscriptions[0].SigningSecret, undefined, 'the secret is never listed');
    await waitFor(async () => (await call('ListEventSubscriptions', {})).json().Subscriptions[0].LastSuccessTime !== undefined, 3000, 'delivery state');
  });

  it('answers AWS-style errors for bad input, duplicates and unknown names', async () => {
    const dup = await call('CreateEventSubscription', { Name: 'ops-hook', Url: hook.url });
    assert.equal(dup.status, 400);
    assert.equal(dup.json().__type, 'ResourceAlreadyExistsException');
    const bad = await call('CreateEventSubscription', { Name: 'bad name!', Url: 'ftp://x' });
    assert.equal(bad.json().__type, 'ValidationException');
    assert.equal(bad.json().message,
      "2 validation errors detected: Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; "
      + "Value 'ftp://x' at 'url' failed to satisfy constraint: Member must satisfy regular expression pattern: ^https?://\\S+");
    const missing = await call('CreateEventSubscription', {});
    assert.match(missing.json().message, /^2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null/);
    const pattern = await call('CreateEventSubscription', { Name: 'p', Url: hook.url, EventPattern: '{"source":"aws.ssm"}' });
    assert.equal(pattern.json().__type, 'InvalidEventPatternException');
    assert.match(pattern.json().message, /^Event pattern is not valid\. Reason: /);
    const gone = await call('DeleteEventSubscription', { Name: 'nope' });
    assert.equal(gone.json().__type, 'ResourceNotFoundException');
    const token = await call('ListEvents', { NextToken: 'forged.token' });
    assert.equal(token.json().__type, 'InvalidNextTokenException');
  });

  it('lists the event log newest first, filtered and paged', async () => {
    for (let i = 10; i < 15; i++) await emit(i);
    const all: Array<{ EventId: string; Time: number; Event: string; DetailType: string }> = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = (await call('ListEvents', { DetailType: 'Parameter Store Change', MaxResults: 2, ...(next ? { NextToken: next } : {}) })).json();
      all.push(...page.Events);
      next = page.NextToken;
      pages++;
    } while (next);
    assert.equal(all.length, 6, 'five new events and the one from the first test; the other detail-type filtered out');
    assert.equal(pages, 3);
    assert.deepEqual(all.map((e) => JSON.parse(e.Event).detail.n), [14, 13, 12, 11, 10, 2]);
    assert.equal(typeof all[0].Time, 'number', 'timestamps are epoch seconds');
    const rendered = JSON.parse(all[0].Event);
    assert.deepEqual(Object.keys(rendered), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    const none = (await call('ListEvents', { EndTime: 0 })).json();
    assert.deepEqual(none.Events, []);
  });

  it('tests a subscription by sending it a signed test event now', async () => {
    const before = hook.received.length;
    const res = (await call('TestEventSubscription', { Name: 'ops-hook' })).json();
    assert.equal(res.Delivered, true);
    assert.equal(res.StatusCode, 200);
    const got = hook.received.slice(before).find((r) => JSON.parse(r.body)['detail-type'] === 'Bosun Test Event');
    assert.ok(got, 'the receiver got the test event');
  });

  it('refuses callers whose policies do not allow bosun actions', async () => {
    const db = t.server.context.db;
    const user = await insertUser(db, t.admin.accountId, 'ssm-only');
    await putInlinePolicy(db, { kind: 'user', id: user.user_id, accountId: t.admin.accountId, name: user.user_name }, 'ssm',
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ssm:*', 'bosun:List*'], Resource: '*' }] }));
    const { row, secretAccessKey } = await createAccessKey(db, t.server.context.secrets, user);
    const creds = { accessKeyId: row.access_key_id, secretAccessKey };
    const denied = await call('CreateEventSubscription', { Name: 'mine', Url: hook.url }, creds);
    assert.equal(denied.status, 400);
    assert.equal(denied.json().__type, 'AccessDeniedException');
    assert.match(denied.json().message, new RegExp(`not authorized to perform: bosun:CreateEventSubscription on resource: arn:aws:bosun:us-east-1:${t.admin.accountId}:event-subscription/mine`));
    assert.equal((await call('DeleteEventSubscription', { Name: 'ops-hook' }, creds)).json().__type, 'AccessDeniedException');
    assert.equal((await call('ListEvents', {}, creds)).status, 200, 'bosun:List* is allowed');
  });

  it('keeps the signing secret out of the database and the audit log', async () => {
    const res = (await call('CreateEventSubscription', { Name: 'audited', Url: hook.url })).json();
    try {
      const db = t.server.context.db;
      await auditIndexed(db);
      const audit = await db.selectFrom('audit_events').select(['request_parameters', 'response_elements']).where('event_name', '=', 'CreateEventSubscription').execute();
      assert.ok(audit.length > 0, 'the call was audited');
      const stored = await db.selectFrom('event_subscriptions').selectAll().where('name', '=', 'audited').execute();
      assert.ok(!JSON.stringify(stored).includes(res.SigningSecret), 'stored only sealed');
      assert.ok(!JSON.stringify(audit).includes(res.SigningSecret), 'never in the audit log');
      assert.ok(!auditJournalText(t.dataDir).includes(res.SigningSecret), 'never in the audit journal');
    } finally {
      await call('DeleteEventSubscription', { Name: 'audited' });
    }
  });

  it('deletes a subscription, after which it receives nothing', async () => {
    assert.equal((await call('DeleteEventSubscription', { Name: 'ops-hook' })).status, 200);
    const before = hook.received.length;
    await emit(99);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(hook.received.length, before);
    assert.deepEqual((await call('ListEventSubscriptions', {})).json().Subscriptions, []);
  });
});
