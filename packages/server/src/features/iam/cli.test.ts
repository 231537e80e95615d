import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type Credentials, type TestServer } from '../../../test/server-harness';

const run = promisify(execFile);

describe('IAM and STS through the real aws CLI', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer(); });
  after(async () => t?.close());

  async function aws(args: string[], credentials: Credentials = t.admin): Promise<{ ok: boolean; json?: any; stderr: string }> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: t.dataDir,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
      ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    };
    try {
      const { stdout, stderr } = await run('/usr/bin/aws', ['--endpoint-url', t.url, '--output', 'json', ...args], { env });
      return { ok: true, json: stdout.trim() ? JSON.parse(stdout) : undefined, stderr };
    } catch (error) {
      return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? error) };
    }
  }

  it('users, keys and inline policies', async () => {
    const created = await aws(['iam', 'create-user', '--user-name', 'cli-user', '--path', '/cli/', '--tags', 'Key=team,Value=blue']);
    assert.ok(created.ok, created.stderr);
    assert.equal(created.json.User.Arn, `arn:aws:iam::${t.admin.accountId}:user/cli/cli-user`);
    const me = await aws(['iam', 'get-user']);
    assert.equal(me.json.User.UserName, 'admin');
    const key = await aws(['iam', 'create-access-key', '--user-name', 'cli-user']);
    assert.ok(key.ok, key.stderr);
    assert.equal(key.json.AccessKey.SecretAccessKey.length, 40);
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }] };
    const put = await aws(['iam', 'put-user-policy', '--user-name', 'cli-user', '--policy-name', 'whoami', '--policy-document', JSON.stringify(document)]);
    assert.ok(put.ok, put.stderr);
    // The CLI decodes the URL-encoded document AWS sends back.
    const got = await aws(['iam', 'get-user-policy', '--user-name', 'cli-user', '--policy-name', 'whoami']);
    assert.deepEqual(got.json.PolicyDocument, document);
    const bad = await aws(['iam', 'put-user-policy', '--user-name', 'cli-user', '--policy-name', 'x', '--policy-document', '{"Statement":[]']);
    assert.ok(!bad.ok && bad.stderr.includes('MalformedPolicyDocument'), bad.stderr);
    const conflict = await aws(['iam', 'delete-user', '--user-name', 'cli-user']);
    assert.ok(!conflict.ok && conflict.stderr.includes('DeleteConflict'), conflict.stderr);
    // The new key works at once, and is held to its policies.
    const newKey = { accessKeyId: key.json.AccessKey.AccessKeyId, secretAccessKey: key.json.AccessKey.SecretAccessKey };
    const who = await aws(['sts', 'get-caller-identity'], newKey);
    assert.equal(who.json?.Arn, `arn:aws:iam::${t.admin.accountId}:user/cli/cli-user`, who.stderr);
    const denied = await aws(['iam', 'list-users'], newKey);
    assert.ok(!denied.ok && denied.stderr.includes('AccessDenied'), denied.stderr);
  });

  it('lists with paging the CLI follows, and AWS-managed policies', async () => {
    for (const n of ['p1', 'p2', 'p3']) await aws(['iam', 'create-user', '--user-name', n]);
    const all = await aws(['iam', 'list-users', '--page-size', '2']);
    assert.deepEqual(all.json.Users.map((u: any) => u.UserName), ['admin', 'cli-user', 'p1', 'p2', 'p3']);
    const managed = await aws(['iam', 'list-policies', '--scope', 'AWS']);
    assert.ok(managed.json.Policies.some((p: any) => p.Arn === 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'));
  });

  it('assume-role hands out credentials the CLI can use', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${t.admin.accountId}:root` }, Action: 'sts:AssumeRole' }] };
    const role = await aws(['iam', 'create-role', '--role-name', 'CliRole', '--assume-role-policy-document', JSON.stringify(trust)]);
    assert.ok(role.ok, role.stderr);
    assert.deepEqual(role.json.Role.AssumeRolePolicyDocument, trust);
    await aws(['iam', 'attach-role-policy', '--role-name', 'CliRole', '--policy-arn', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess']);
    const assumed = await aws(['sts', 'assume-role', '--role-arn', role.json.Role.Arn, '--role-session-name', 'cli-session', '--duration-seconds', '900']);
    assert.ok(assumed.ok, assumed.stderr);
    const c = assumed.json.Credentials;
    assert.match(c.AccessKeyId, /^ASIA/);
    const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    const who = await aws(['sts', 'get-caller-identity'], session);
    assert.equal(who.json?.Arn, `arn:aws:sts::${t.admin.accountId}:assumed-role/CliRole/cli-session`, who.stderr);
    const read = await aws(['iam', 'get-role', '--role-name', 'CliRole'], session);
    assert.ok(read.ok, read.stderr);
    const write = await aws(['iam', 'create-user', '--user-name', 'nope'], session);
    assert.ok(!write.ok && write.stderr.includes('AccessDenied'), write.stderr);
  });
});
