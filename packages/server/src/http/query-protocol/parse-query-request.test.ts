// The bodies the real SDK sends must come back as the input the SDK was given.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IAMClient, CreateUserCommand, PutUserPolicyCommand, ListUsersCommand, TagUserCommand } from '@aws-sdk/client-iam';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { AwsError } from '../../operations/errors';
import { parseQueryRequest, serializeQueryResponse, type QueryService } from './index';
import { startSdkTestServer, testClientConfig, type SdkTestServer } from './sdk-test-server';

// Answers with an empty-but-valid result so the SDK call completes; the test looks at the request.
const echo = (service: QueryService) => (body: string) => {
  const { action } = parseQueryRequest(service, body);
  return { body: serializeQueryResponse(service, action, {}, 'r') };
};

describe('parseQueryRequest recovers what the SDK sent', () => {
  let iamServer: SdkTestServer;
  let stsServer: SdkTestServer;
  let iam: IAMClient;
  let sts: STSClient;
  before(async () => {
    iamServer = await startSdkTestServer(echo('iam'));
    stsServer = await startSdkTestServer(echo('sts'));
    iam = new IAMClient(testClientConfig(iamServer.endpoint));
    sts = new STSClient(testClientConfig(stsServer.endpoint));
  });
  after(async () => {
    iam.destroy();
    sts.destroy();
    await iamServer.close();
    await stsServer.close();
  });

  async function roundTrip(service: QueryService, send: () => Promise<unknown>) {
    const server = service === 'iam' ? iamServer : stsServer;
    const before = server.bodies.length;
    await send();
    assert.equal(server.bodies.length, before + 1, 'the SDK sent exactly one request');
    return parseQueryRequest(service, server.bodies[before]);
  }

  it('CreateUser with Tags', async () => {
    const input = {
      UserName: 'bob+ops@example',
      Path: '/team a/',
      PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      Tags: [{ Key: 'team', Value: 'a & b = c' }, { Key: 'empty', Value: '' }],
    };
    const parsed = await roundTrip('iam', () => iam.send(new CreateUserCommand(input)));
    assert.equal(parsed.action, 'CreateUser');
    assert.equal(parsed.version, '2010-05-08');
    assert.deepEqual(parsed.input, input);
  });

  it('PutUserPolicy with a JSON document full of characters that need encoding', async () => {
    const input = {
      UserName: 'bob',
      PolicyName: 'read-params',
      PolicyDocument: JSON.stringify(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:Get*', Resource: '*', Sid: 'é ✓ +%&=' }] },
        null,
        2,
      ),
    };
    const parsed = await roundTrip('iam', () => iam.send(new PutUserPolicyCommand(input)));
    assert.equal(parsed.action, 'PutUserPolicy');
    assert.deepEqual(parsed.input, input);
  });

  it('ListUsers paging: MaxItems becomes a number again', async () => {
    const input = { PathPrefix: '/team/', Marker: 'opaque/marker==', MaxItems: 25 };
    const parsed = await roundTrip('iam', () => iam.send(new ListUsersCommand(input)));
    assert.deepEqual(parsed.input, input);
    assert.equal(typeof parsed.input.MaxItems, 'number');
  });

  it('an empty list stays an empty list', async () => {
    const parsed = await roundTrip('iam', () => iam.send(new TagUserCommand({ UserName: 'bob', Tags: [] })));
    assert.deepEqual(parsed.input, { UserName: 'bob', Tags: [] });
  });

  it('AssumeRole with Tags, DurationSeconds, policy ARNs and transitive keys', async () => {
    const input = {
      RoleArn: 'arn:aws:iam::123456789012:role/deploy',
      RoleSessionName: 'ci-42',
      DurationSeconds: 3600,
      Tags: [{ Key: 'project', Value: 'bosun' }, { Key: 'cost-center', Value: '7' }],
      TransitiveTagKeys: ['project'],
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      ExternalId: 'ext-1',
    };
    const parsed = await roundTrip('sts', () => sts.send(new AssumeRoleCommand(input)));
    assert.equal(parsed.action, 'AssumeRole');
    assert.equal(parsed.version, '2011-06-15');
    assert.deepEqual(parsed.input, input);
  });
});

describe('parseQueryRequest refusals', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof AwsError, String(e));
      return { code: e.code, message: e.message, status: e.statusCode };
    }
    assert.fail('accepted');
  };

  it('an unknown action is InvalidAction', () => {
    assert.deepEqual(code(() => parseQueryRequest('iam', 'Action=CreateUsr&Version=2010-05-08')), {
      code: 'InvalidAction',
      message: 'Could not find operation CreateUsr for version 2010-05-08',
      status: 400,
    });
  });

  it("another service's action or version is InvalidAction too", () => {
    assert.equal(code(() => parseQueryRequest('sts', 'Action=CreateUser&Version=2010-05-08')).code, 'InvalidAction');
    assert.deepEqual(code(() => parseQueryRequest('sts', 'Action=GetCallerIdentity&Version=2010-05-08')), {
      code: 'InvalidAction',
      message: 'Could not find operation GetCallerIdentity for version 2010-05-08',
      status: 400,
    });
    assert.match(code(() => parseQueryRequest('sts', 'Action=GetCallerIdentity')).message, /NO_VERSION_SPECIFIED/);
  });

  it('a missing Action is refused', () => {
    assert.equal(code(() => parseQueryRequest('iam', 'Version=2010-05-08&UserName=bob')).code, 'MissingAction');
  });

  it('a number that is not a number is a ValidationError naming the member', () => {
    const e = code(() => parseQueryRequest('iam', 'Action=ListUsers&Version=2010-05-08&MaxItems=lots'));
    assert.equal(e.code, 'ValidationError');
    assert.match(e.message, /Value 'lots' at 'maxItems'/);
  });

  it('a boolean is read from true/false', () => {
    const body = 'Action=UpdateAccountPasswordPolicy&Version=2010-05-08&RequireSymbols=true&AllowUsersToChangePassword=false&MinimumPasswordLength=14';
    assert.deepEqual(parseQueryRequest('iam', body).input, {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      AllowUsersToChangePassword: false,
    });
    assert.equal(code(() => parseQueryRequest('iam', body.replace('=true', '=yes'))).code, 'ValidationError');
  });
});
