// The real IAM/STS SDK clients must read what serializeQueryResponse/serializeQueryError write.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IAMClient,
  CreateUserCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  GetUserCommand,
  DeleteUserCommand,
  GetAccountSummaryCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { parseQueryRequest, serializeQueryResponse, serializeQueryError, type QueryService } from './index';
import { startSdkTestServer, testClientConfig, type Reply, type SdkTestServer } from './sdk-test-server';

const created = new Date('2026-01-02T03:04:05Z');
const user = (name: string) => ({
  Path: '/team/',
  UserName: name,
  UserId: `AIDA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::123456789012:user/team/${name}`,
  CreateDate: created,
});

/** What each action answers; the server runs it and serialises the result. */
let outputs: Record<string, () => Reply | object> = {};

function respond(service: QueryService) {
  return (body: string): Reply => {
    const { action } = parseQueryRequest(service, body);
    const produced = outputs[action]?.() ?? {};
    if ('body' in produced) return produced as Reply;
    return { body: serializeQueryResponse(service, action, produced, `req-${action}`) };
  };
}

describe('Query responses read by the AWS SDK', () => {
  let iamServer: SdkTestServer;
  let stsServer: SdkTestServer;
  let iam: IAMClient;
  let sts: STSClient;
  before(async () => {
    iamServer = await startSdkTestServer(respond('iam'));
    stsServer = await startSdkTestServer(respond('sts'));
    iam = new IAMClient(testClientConfig(iamServer.endpoint));
    sts = new STSClient(testClientConfig(stsServer.endpoint));
  });
  after(async () => {
    iam.destroy();
    sts.destroy();
    await iamServer.close();
    await stsServer.close();
  });

  it('CreateUser: user with timestamp, tags, and XML-special characters', async () => {
    outputs = {
      CreateUser: () => ({
        User: { ...user('bob'), Path: '/a&b<c>"d\'/', Tags: [{ Key: 'team', Value: 'x & y' }, { Key: 'k2', Value: '' }] },
      }),
    };
    const out = await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    assert.equal(out.User?.UserName, 'bob');
    assert.equal(out.User?.Path, '/a&b<c>"d\'/');
    assert.ok(out.User?.CreateDate instanceof Date);
    assert.equal(out.User?.CreateDate?.toISOString(), created.toISOString());
    assert.deepEqual(out.User?.Tags, [{ Key: 'team', Value: 'x & y' }, { Key: 'k2', Value: '' }]);
  });

  it('ListUsers: several users, IsTruncated and Marker', async () => {
    outputs = { ListUsers: () => ({ Users: [user('a'), user('b'), user('c')], IsTruncated: true, Marker: 'page-2' }) };
    const out = await iam.send(new ListUsersCommand({ MaxItems: 3 }));
    assert.deepEqual(out.Users?.map((u) => u.UserName), ['a', 'b', 'c']);
    assert.equal(out.IsTruncated, true);
    assert.equal(out.Marker, 'page-2');
    outputs = { ListUsers: () => ({ Users: [], IsTruncated: false }) };
    const last = await iam.send(new ListUsersCommand({ Marker: 'page-2' }));
    assert.deepEqual(last.Users, []);
    assert.equal(last.IsTruncated, false);
    assert.equal(last.Marker, undefined);
  });

  it('ListUserTags', async () => {
    outputs = { ListUserTags: () => ({ Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }], IsTruncated: false }) };
    const out = await iam.send(new ListUserTagsCommand({ UserName: 'bob' }));
    assert.deepEqual(out.Tags, [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }]);
    assert.equal(out.IsTruncated, false);
  });

  it('GetAccountSummary: a map as entry/key/value', async () => {
    outputs = { GetAccountSummary: () => ({ SummaryMap: { Users: 4, UsersQuota: 5000 } }) };
    const out = await iam.send(new GetAccountSummaryCommand({}));
    assert.deepEqual(out.SummaryMap, { Users: 4, UsersQuota: 5000 });
  });

  it('DeleteUser: an operation without output answers only ResponseMetadata', async () => {
    outputs = {};
    const out = await iam.send(new DeleteUserCommand({ UserName: 'bob' }));
    assert.equal(out.$metadata.httpStatusCode, 200);
  });

  it('an error becomes the SDK exception with the message', async () => {
    outputs = {
      GetUser: () => ({
        status: 404,
        body: serializeQueryError('NoSuchEntity', 'The user with name nobody cannot be found.', 'Sender', 'req-err'),
      }),
    };
    await assert.rejects(iam.send(new GetUserCommand({ UserName: 'nobody' })), (e: unknown) => {
      assert.ok(e instanceof NoSuchEntityException, `got ${String(e)}`);
      assert.equal(e.message, 'The user with name nobody cannot be found.');
      assert.equal(e.$fault, 'client');
      assert.equal(e.$metadata.httpStatusCode, 404);
      return true;
    });
  });

  it('GetCallerIdentity', async () => {
    outputs = {
      GetCallerIdentity: () => ({ UserId: 'AIDABOB', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/bob' }),
    };
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '123456789012');
    assert.equal(out.Arn, 'arn:aws:iam::123456789012:user/bob');
    assert.equal(out.UserId, 'AIDABOB');
  });

  it('AssumeRole: Credentials.Expiration arrives as a Date', async () => {
    const expiration = new Date('2026-05-06T07:08:09.123Z');
    outputs = {
      AssumeRole: () => ({
        Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: 's/+=', SessionToken: 'tok', Expiration: expiration },
        AssumedRoleUser: { AssumedRoleId: 'AROAX:sess', Arn: 'arn:aws:sts::123456789012:assumed-role/r/sess' },
        PackedPolicySize: 7,
        SourceIdentity: 'me',
      }),
    };
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'sess' }));
    assert.ok(out.Credentials?.Expiration instanceof Date);
    assert.equal(out.Credentials?.Expiration?.toISOString(), expiration.toISOString());
    assert.equal(out.Credentials?.SecretAccessKey, 's/+=');
    assert.equal(out.AssumedRoleUser?.AssumedRoleId, 'AROAX:sess');
    assert.equal(out.PackedPolicySize, 7);
    assert.equal(out.SourceIdentity, 'me');
  });
});

// The SDK takes $metadata.requestId from the x-amzn-RequestId header only, so the body's RequestId
// (which the aws CLI --debug output and other SDKs show) is checked on the XML itself.
describe('Query XML envelope', () => {
  it('wraps results, request id and namespace the way IAM does', () => {
    assert.equal(
      serializeQueryResponse('iam', 'DeleteUser', {}, 'r-1'),
      '<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
        '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DeleteUserResponse>',
    );
    assert.equal(
      serializeQueryResponse('sts', 'GetCallerIdentity', { Arn: 'a', UserId: 'u', Account: '1' }, 'r-2'),
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
        '<GetCallerIdentityResult><UserId>u</UserId><Account>1</Account><Arn>a</Arn></GetCallerIdentityResult>' +
        '<ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    );
  });

  it('writes members in model order, not in the order the handler built them', () => {
    const xml = serializeQueryResponse('iam', 'ListUsers', { Marker: 'm', IsTruncated: true, Users: [] }, 'r');
    assert.match(xml, /<ListUsersResult><Users><\/Users><IsTruncated>true<\/IsTruncated><Marker>m<\/Marker><\/ListUsersResult>/);
  });

  it('writes the error envelope with type, code, message and request id', () => {
    assert.equal(
      serializeQueryError('NoSuchEntity', 'no <user> & co', 'Sender', 'r-3', 'sts'),
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>' +
        '<Code>NoSuchEntity</Code><Message>no &lt;user&gt; &amp; co</Message></Error><RequestId>r-3</RequestId></ErrorResponse>',
    );
  });
});
