/** LookupEvents through the real server, the aws CLI and the AWS SDK: every call lands in the chain. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand, InvalidLookupAttributesException } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../../test/server-harness';
import { verifyAuditChain } from '../../audit/index';

// The JS SDK sends X-Amz-Target `CloudTrail_20131101.LookupEvents`; the front door knows only
// botocore's `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101` prefix so far.

describe('LookupEvents end to end', () => {
  let t: TestServer;
  let cloudtrail: CloudTrailClient;
  const aws = (...args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('aws', ['cloudtrail', ...args, '--endpoint-url', t.url, '--region', 'us-east-1', '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: t.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: t.admin.secretAccessKey, AWS_PAGER: '' },
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });

  before(async () => {
    t = await startTestServer();
    const config = { endpoint: t.url, region: 'us-east-1', credentials: t.admin };
    cloudtrail = new CloudTrailClient(config);
    const sts = new STSClient(config);
    await sts.send(new GetCallerIdentityCommand({}));
    await sts.send(new GetCallerIdentityCommand({}));
  });
  after(async () => t.close());

  it('the aws CLI reads back the calls made, newest first, with CloudTrail records', async () => {
    const r = await aws('lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=GetCallerIdentity');
    assert.equal(r.code, 0, r.stderr);
    const events = JSON.parse(r.stdout).Events as Array<Record<string, string>>;
    assert.equal(events.length, 2);
    assert.equal(events[0].EventSource, 'sts.amazonaws.com');
    assert.equal(events[0].ReadOnly, 'true');
    assert.ok(events[0].EventTime >= events[1].EventTime);
    const record = JSON.parse(events[0].CloudTrailEvent);
    assert.equal(record.userIdentity.arn, t.admin.userArn);
    assert.equal(record.recipientAccountId, t.admin.accountId);
    assert.equal(record.requestParameters, null);
  });

  it('the aws CLI shows CloudTrail error codes, and the refused call is recorded', async () => {
    const refused = await aws('lookup-events', '--lookup-attributes',
      'AttributeKey=EventName,AttributeValue=a', 'AttributeKey=Username,AttributeValue=b');
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /InvalidLookupAttributesException/);
    const r = await aws('lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=LookupEvents', '--max-items', '1');
    const [newest] = JSON.parse(r.stdout).Events as Array<{ CloudTrailEvent: string }>;
    assert.equal(JSON.parse(newest.CloudTrailEvent).errorCode, 'InvalidLookupAttributesException');
  });

  it('the aws CLI pages with NextToken one event at a time', async () => {
    const r = await aws('lookup-events', '--page-size', '1', '--max-items', '3');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { Events: Array<{ EventId: string }>; NextToken?: string };
    assert.equal(new Set(out.Events.map((e) => e.EventId)).size, 3);
    assert.ok(out.NextToken);
  });

  it('the SDK reads events and sees CloudTrail exceptions as its own classes', async () => {
    const out = await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetCallerIdentity' }] }));
    assert.equal(out.Events?.length, 2);
    assert.ok(out.Events![0].EventTime instanceof Date);
    await assert.rejects(
      cloudtrail.send(new LookupEventsCommand({ MaxResults: 1, LookupAttributes: [
        { AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'Username', AttributeValue: 'b' },
      ] })),
      (e: unknown) => e instanceof InvalidLookupAttributesException,
    );
  });

  it('the chain written by the server verifies', async () => {
    const result = await verifyAuditChain(t.server.context.db, t.server.context.auditKey);
    assert.deepEqual(result.problems, []);
    assert.ok(result.checked >= 6, `checked ${result.checked}`);
  });
});
