import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { beforeEach, it } from 'node:test';
import { forEachDatabase } from '../../../test/databases';
import { appendAuditEvent, GENESIS_HASH, type AuditEventInput } from '../../audit/index';
import { alice, sampleEvent } from '../../audit/test-events';
import type { Db } from '../../db/index';
import type { RequestContext } from '../../operations/types';
import { lookupEvents } from './lookup-events';
import type { LookupEventsInput } from './lookup-input';

const bob = { ...alice, arn: 'arn:aws:sts::111111111111:assumed-role/Ops/bob-session', type: 'assumed-role' as const,
  userId: 'AROAOPS:bob-session', accessKeyId: 'ASIABOB', name: 'Ops', userName: undefined };

function contextFor(db: Db, accountId = '111111111111', region = 'us-east-1'): RequestContext {
  return { db, accountId, region, requestId: 'r', service: 'cloudtrail', operation: 'LookupEvents' } as RequestContext;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { return (e as { code: string }).code; }
  return 'no error';
}

forEachDatabase('cloudtrail LookupEvents', (f) => {
  const key = () => f.secrets.derive('audit-chain');
  const add = (e: AuditEventInput) => appendAuditEvent(f.db, key(), e);
  const lookup = (input: LookupEventsInput, ctx = contextFor(f.db)) => lookupEvents(input, ctx);

  beforeEach(async () => {
    await f.db.deleteFrom('audit_events').execute();
    await f.db.deleteFrom('audit_event_resources').execute();
    await f.db.updateTable('audit_chain_head').set({ seq: 0, hash: GENESIS_HASH, mac: null }).execute();
  });

  it('answers newest first with a CloudTrail-shaped record and no secret', async () => {
    await add(sampleEvent(1));
    await add(sampleEvent(2, { errorCode: 'ParameterAlreadyExists', errorMessage: 'The parameter already exists.' }));
    const { Events, NextToken } = await lookup({});
    assert.equal(NextToken, undefined);
    assert.deepEqual(Events.map((e) => e.EventName), ['PutParameter', 'GetParameter']);
    const newest = Events[0];
    assert.equal(newest.ReadOnly, 'false');
    assert.equal(newest.Username, 'alice');
    assert.equal(newest.AccessKeyId, 'AKIAALICE');
    assert.equal(newest.EventSource, 'ssm.amazonaws.com');
    assert.deepEqual(newest.EventTime, new Date(Date.UTC(2026, 0, 1, 0, 0, 2)));
    assert.deepEqual(newest.Resources, [{ ResourceType: 'AWS::SSM::Parameter', ResourceName: '/app/p2' }]);
    assert.ok(!newest.CloudTrailEvent.includes('secret-2'));
    const record = JSON.parse(newest.CloudTrailEvent);
    assert.deepEqual(record.userIdentity, {
      type: 'IAMUser', principalId: 'AIDAALICE', arn: alice.arn, accountId: '111111111111', accessKeyId: 'AKIAALICE', userName: 'alice',
    });
    assert.equal(record.eventTime, '2026-01-01T00:00:02Z');
    assert.deepEqual(record.requestParameters, { name: '/app/p2', value: 'HIDDEN_DUE_TO_SECURITY_REASONS' });
    assert.equal(record.errorCode, 'ParameterAlreadyExists');
    assert.equal(record.eventID, newest.EventId);
    assert.equal(record.readOnly, false);
    assert.equal(record.eventType, 'AwsApiCall');
    assert.equal(record.recipientAccountId, '111111111111');
    assert.equal(record.awsRegion, 'us-east-1');
    assert.equal(record.responseElements, null);
  });

  it('filters on each lookup attribute', async () => {
    for (let i = 1; i <= 6; i++) await add(sampleEvent(i, i > 4 ? { principal: bob, eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', readOnly: false, resources: [{ type: 'AWS::KMS::Key', name: 'k1' }] } : {}));
    const names = async (AttributeKey: string, AttributeValue: string) =>
      (await lookup({ LookupAttributes: [{ AttributeKey, AttributeValue }] })).Events.map((e) => e.Resources[0]?.ResourceName ?? e.EventName);
    assert.deepEqual(await names('EventName', 'PutParameter'), ['/app/p4', '/app/p2']);
    assert.deepEqual(await names('ReadOnly', 'true'), ['/app/p3', '/app/p1']);
    assert.deepEqual(await names('Username', 'bob-session'), ['k1', 'k1']);
    assert.deepEqual(await names('EventSource', 'kms.amazonaws.com'), ['k1', 'k1']);
    assert.deepEqual(await names('AccessKeyId', 'AKIAALICE'), ['/app/p4', '/app/p3', '/app/p2', '/app/p1']);
    assert.deepEqual(await names('ResourceType', 'AWS::SSM::Parameter'), ['/app/p4', '/app/p3', '/app/p2', '/app/p1']);
    assert.deepEqual(await names('ResourceName', '/app/p3'), ['/app/p3']);
    const all = await lookup({});
    const third = all.Events[3];
    assert.deepEqual((await lookup({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: third.EventId }] })).Events, [third]);
  });

  it('keeps to the time range, given as epoch seconds or Dates', async () => {
    for (let i = 1; i <= 10; i++) await add(sampleEvent(i));
    const base = Date.UTC(2026, 0, 1) / 1000;
    const bySeconds = await lookup({ StartTime: base + 3, EndTime: base + 5 });
    assert.deepEqual(bySeconds.Events.map((e) => e.Resources[0].ResourceName), ['/app/p5', '/app/p4', '/app/p3']);
    const byDates = await lookup({ StartTime: new Date((base + 9) * 1000) });
    assert.deepEqual(byDates.Events.map((e) => e.Resources[0].ResourceName), ['/app/p10', '/app/p9']);
  });

  it('pages with a token that stays stable while new records arrive', async () => {
    for (let i = 1; i <= 12; i++) await add(sampleEvent(i));
    const first = await lookup({ MaxResults: 5 });
    assert.equal(first.Events.length, 5);
    assert.ok(first.NextToken);
    for (let i = 13; i <= 15; i++) await add(sampleEvent(i));
    const second = await lookup({ MaxResults: 5, NextToken: first.NextToken });
    const third = await lookup({ MaxResults: 5, NextToken: second.NextToken });
    assert.equal(third.NextToken, undefined);
    const seen = [...first.Events, ...second.Events, ...third.Events].map((e) => e.Resources[0].ResourceName);
    assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => `/app/p${12 - i}`));
  });

  it('refuses a token used with other parameters, another account, or made up', async () => {
    for (let i = 1; i <= 4; i++) await add(sampleEvent(i));
    const { NextToken } = await lookup({ MaxResults: 1 });
    assert.ok(NextToken);
    assert.equal(await codeOf(lookup({ NextToken, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutParameter' }] })), 'InvalidNextTokenException');
    assert.equal(await codeOf(lookup({ NextToken }, contextFor(f.db, '222222222222'))), 'InvalidNextTokenException');
    assert.equal(await codeOf(lookup({ NextToken: 'garbage' })), 'InvalidNextTokenException');
    assert.equal((await lookup({ NextToken, MaxResults: 2 })).Events.length, 2);
  });

  it("shows only the caller's account and region", async () => {
    await add(sampleEvent(1));
    await add(sampleEvent(2, { accountId: '222222222222' }));
    await add(sampleEvent(3, { region: 'eu-west-1' }));
    const names = async (ctx: RequestContext) => (await lookup({}, ctx)).Events.map((e) => e.Resources[0].ResourceName);
    assert.deepEqual(await names(contextFor(f.db)), ['/app/p1']);
    assert.deepEqual(await names(contextFor(f.db, '222222222222')), ['/app/p2']);
    assert.deepEqual(await names(contextFor(f.db, '111111111111', 'eu-west-1')), ['/app/p3']);
    // A resource filter must not reach across accounts either.
    assert.deepEqual((await lookup({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: '/app/p2' }] })).Events, []);
  });

  it('answers bad input with the error codes CloudTrail uses', async () => {
    const attr = (AttributeKey: string, AttributeValue: string) => ({ AttributeKey, AttributeValue });
    const cases: Array<[LookupEventsInput, string]> = [
      [{ LookupAttributes: [attr('EventName', 'a'), attr('Username', 'b')] }, 'InvalidLookupAttributesException'],
      [{ LookupAttributes: [attr('Colour', 'red')] }, 'InvalidLookupAttributesException'],
      [{ LookupAttributes: [attr('EventName', '')] }, 'InvalidLookupAttributesException'],
      [{ LookupAttributes: [attr('ReadOnly', 'yes')] }, 'InvalidLookupAttributesException'],
      [{ LookupAttributes: [attr('EventName', 'a_'.repeat(700))] }, 'InvalidLookupAttributesException'],
      [{ StartTime: 2000, EndTime: 1000 }, 'InvalidTimeRangeException'],
      [{ StartTime: 'yesterday' }, 'InvalidTimeRangeException'],
      [{ MaxResults: 0 }, 'InvalidMaxResultsException'],
      [{ MaxResults: 51 }, 'InvalidMaxResultsException'],
      [{ MaxResults: 2.5 }, 'InvalidMaxResultsException'],
      [{ EventCategory: 'management' }, 'InvalidEventCategoryException'],
    ];
    for (const [input, code] of cases) assert.equal(await codeOf(lookup(input)), code, JSON.stringify(input).slice(0, 80));
    assert.equal((await lookup({ MaxResults: 50, StartTime: 1000, EndTime: 1000 })).Events.length, 0);
  });

  it('returns at most 50 events by default', async () => {
    await Promise.all(Array.from({ length: 55 }, (_, i) => add(sampleEvent(i + 1, { eventId: crypto.randomUUID() }))));
    const page = await lookup({});
    assert.equal(page.Events.length, 50);
    assert.ok(page.NextToken);
    assert.equal((await lookup({ NextToken: page.NextToken })).Events.length, 5);
  });
});
