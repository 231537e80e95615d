/** LookupEvents through the real server, the AWS SDK and the aws CLI: every call lands in the chain. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand, InvalidLookupAttributesException } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../../test/server-harness';
import { verifyAuditChain } from '../../audit/index';

describe('LookupEvents end to end', () => {
  let t: TestServer;
  let cloudtrail: CloudTrailClient;
  before(async () => {
    t = await startTestServer();
    const config = { endpoint: t.url, region: 'us-east-1', credentials: t.admin };
    cloudtrail = new CloudTrailClient(config);
    const sts = new STSClient(config);
    await sts.send(new GetCallerIdentityCommand({}));
    await sts.send(new GetCallerIdentityCommand({}));
  });
  after(async () => t.close());

  it('the SDK reads back the calls made, newest first, with CloudTrail records', async () => {
    const out = await cloudtrail.send(new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetCallerIdentity' }],
    }));
    assert.equal(out.Events?.length, 2);
    const [newest] = out.Events!;
    assert.ok(newest.EventTime instanceof Date);
    assert.equal(newest.EventSource, 'sts.amazonaws.com');
    assert.equal(newest.ReadOnly, 'true');
    const record = JSON.parse(newest.CloudTrailEvent!);
    assert.equal(record.userIdentity.arn, t.admin.userArn);
    assert.equal(record.recipientAccountId, t.admin.accountId);
    assert.equal(record.requestParameters, null);
  });

  it('the SDK sees CloudTrail error codes as its own exception classes', async () => {
    await assert.rejects(
      cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [
        { AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'Username', AttributeValue: 'b' },
      ] })),
      (e: unknown) => e instanceof InvalidLookupAttributesException,
    );
  });

  it('the aws CLI pages through lookup-events, and the refused call above is in the log', async () => {
    const { stdout } = await promisify(execFile)('aws', [
      'cloudtrail', 'lookup-events', '--endpoint-url', t.url, '--region', 'us-east-1', '--output', 'json',
      '--page-size', '1', '--max-items', '10',
    ], { env: { ...process.env, AWS_ACCESS_KEY_ID: t.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: t.admin.secretAccessKey, AWS_PAGER: '' } });
    const events = JSON.parse(stdout).Events as Array<{ EventName: string; CloudTrailEvent: string }>;
    const failed = events.map((e) => JSON.parse(e.CloudTrailEvent)).find((r) => r.errorCode === 'InvalidLookupAttributesException');
    assert.ok(failed, 'the refused LookupEvents call was recorded');
    assert.ok(events.filter((e) => e.EventName === 'GetCallerIdentity').length === 2);
  });

  it('the chain written by the server verifies', async () => {
    const result = await verifyAuditChain(t.server.context.db, t.server.context.auditKey);
    assert.deepEqual(result.problems, []);
    assert.ok(result.checked >= 5);
  });
});
