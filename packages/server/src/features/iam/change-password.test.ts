/**
 * ChangePassword against a real server, through the AWS SDK and the real `aws iam
 * change-password`: a user changes their own console password (the console then takes only the
 * new one), and the wrong old password (five in a row stop further tries for a while), a weak
 * new one, a user without the permission, a role session and the root user are refused. No
 * password reaches the audit log.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand, ChangePasswordCommand, CreateAccessKeyCommand, CreateLoginProfileCommand, CreateRoleCommand,
  CreateUserCommand, GetLoginProfileCommand, IAMClient, PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { auditJournalText, startTestServer, type Credentials, type TestServer } from '../../../test/server-harness';
import { auditIndexed } from '../../audit/index';
import type { RequestContext } from '../../operations/types';
import { contextFor } from './testing';
import { changePasswordOperation } from './change-password';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';
const CHANGE_PASSWORD_POLICY = 'arn:aws:iam::aws:policy/IAMUserChangePassword';

describe('IAM ChangePassword', () => {
  let t: TestServer;
  let admin: IAMClient;
  const client = (credentials: Credentials) => new IAMClient({ region: 'us-east-1', endpoint: t.url, credentials, maxAttempts: 1 });

  /** A user with a console password and an access key, optionally allowed to change it. */
  async function makeUser(name: string, password: string, options: { allowed: boolean; resetRequired?: boolean }): Promise<Credentials> {
    await admin.send(new CreateUserCommand({ UserName: name }));
    await admin.send(new CreateLoginProfileCommand({ UserName: name, Password: password, PasswordResetRequired: options.resetRequired ?? false }));
    if (options.allowed) await admin.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: CHANGE_PASSWORD_POLICY }));
    const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: name }));
    return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  }

  const signIn = (userName: string, password: string) =>
    fetch(`${t.url}/console/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ UserName: userName, Password: password }) });

  before(async () => {
    t = await startTestServer();
    admin = client(t.admin);
  });
  after(() => t?.close());

  it('lets a user change their own password: the console then takes only the new one, and the reset flag is gone', async () => {
    const erin = client(await makeUser('erin', 'Erin-First-Pass-1', { allowed: true, resetRequired: true }));
    const first = await signIn('erin', 'Erin-First-Pass-1');
    assert.equal(first.status, 200);
    assert.equal(((await first.json()) as { PasswordResetRequired: boolean }).PasswordResetRequired, true);

    await erin.send(new ChangePasswordCommand({ OldPassword: 'Erin-First-Pass-1', NewPassword: 'Erin-Second-Pass-2' }));

    assert.equal((await signIn('erin', 'Erin-First-Pass-1')).status, 401);
    const second = await signIn('erin', 'Erin-Second-Pass-2');
    assert.equal(second.status, 200);
    assert.equal(((await second.json()) as { PasswordResetRequired: boolean }).PasswordResetRequired, false);
    const profile = await admin.send(new GetLoginProfileCommand({ UserName: 'erin' }));
    assert.equal(profile.LoginProfile?.PasswordResetRequired, false);
  });

  it('refuses a wrong old password and a weak new one, and keeps the password as it was', async () => {
    const frank = client(await makeUser('frank', 'Frank-Pass-123', { allowed: true }));
    await assert.rejects(frank.send(new ChangePasswordCommand({ OldPassword: 'Not-His-Pass-9', NewPassword: 'Frank-New-Pass-4' })), (e: any) => {
      assert.equal(e.Code, 'AccessDenied');
      assert.equal(e.$metadata.httpStatusCode, 403);
      assert.match(e.message, /old password is incorrect/);
      assert.ok(!e.message.includes('Not-His-Pass-9') && !e.message.includes('Frank-New-Pass-4'));
      return true;
    });
    await assert.rejects(frank.send(new ChangePasswordCommand({ OldPassword: 'Frank-Pass-123', NewPassword: 'weakling' })), (e: any) => {
      assert.equal(e.Code, 'PasswordPolicyViolation');
      assert.match(e.message, /does not conform to the account password policy/);
      assert.ok(!e.message.includes('weakling'));
      return true;
    });
    // An empty new password is refused by the contract, without echoing anything.
    await assert.rejects(frank.send(new ChangePasswordCommand({ OldPassword: 'Frank-Pass-123', NewPassword: '' })), (e: any) => {
      assert.equal(e.Code, 'ValidationError');
      assert.ok(!e.message.includes('Frank-Pass-123'));
      return true;
    });
    assert.equal((await signIn('frank', 'Frank-Pass-123')).status, 200);
  });

  it('stops guessing: after five wrong old passwords even the right one is refused for a while', async () => {
    const ivan = client(await makeUser('ivan', 'Ivan-Pass-123', { allowed: true }));
    for (let i = 0; i < 5; i++) {
      await assert.rejects(ivan.send(new ChangePasswordCommand({ OldPassword: `Guess-Pass-${i}x`, NewPassword: 'Ivan-New-Pass-4' })), (e: any) => e.Code === 'AccessDenied');
    }
    await assert.rejects(ivan.send(new ChangePasswordCommand({ OldPassword: 'Ivan-Pass-123', NewPassword: 'Ivan-New-Pass-4' })), (e: any) => {
      assert.equal(e.Code, 'LimitExceeded');
      assert.equal(e.$metadata.httpStatusCode, 409);
      assert.match(e.message, /Too many wrong old passwords/);
      return true;
    });
    assert.equal((await signIn('ivan', 'Ivan-Pass-123')).status, 200);
  });

  it('denies a user without iam:ChangePassword, and a user without a console password gets NoSuchEntity', async () => {
    const gina = client(await makeUser('gina', 'Gina-Pass-123', { allowed: false }));
    await assert.rejects(gina.send(new ChangePasswordCommand({ OldPassword: 'Gina-Pass-123', NewPassword: 'Gina-New-Pass-4' })), (e: any) => {
      assert.equal(e.Code, 'AccessDenied');
      assert.match(e.message, /user\/gina is not authorized to perform: iam:ChangePassword on resource: arn:aws:iam::\d{12}:user\/gina/);
      return true;
    });
    assert.equal((await signIn('gina', 'Gina-Pass-123')).status, 200);

    // The admin may do anything, but has no console password on this server.
    await assert.rejects(admin.send(new ChangePasswordCommand({ OldPassword: 'Whatever-Pass-1', NewPassword: 'Admin-New-Pass-4' })), (e: any) => {
      assert.equal(e.Code, 'NoSuchEntity');
      assert.equal(e.message, 'Login Profile for User admin cannot be found.');
      return true;
    });
  });

  it('refuses a role session and the root user with InvalidUserType', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${t.admin.accountId}:root` }, Action: 'sts:AssumeRole' }] };
    const role = await admin.send(new CreateRoleCommand({ RoleName: 'PasswordChanger', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    await admin.send(new PutRolePolicyCommand({
      RoleName: 'PasswordChanger', PolicyName: 'iam',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }),
    }));
    const sts = new STSClient({ region: 'us-east-1', endpoint: t.url, credentials: t.admin });
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'changer' }));
    const session = client({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
    await assert.rejects(session.send(new ChangePasswordCommand({ OldPassword: 'Old-Pass-1234', NewPassword: 'New-Pass-1234' })), (e: any) => {
      assert.equal(e.Code, 'InvalidUserType');
      assert.equal(e.$metadata.httpStatusCode, 400);
      return true;
    });

    // No access key signs as the root user in Bosun, so the handler is asked directly.
    const root: RequestContext = contextFor(t.server.context.db, {
      accountId: t.admin.accountId, arn: `arn:aws:iam::${t.admin.accountId}:root`, type: 'root', userId: t.admin.accountId,
      name: 'root', accessKeyId: '', tags: {}, policies: [],
    });
    await assert.rejects(async () => changePasswordOperation.authorize!({ OldPassword: 'Old-Pass-1234', NewPassword: 'New-Pass-1234' }, root), { code: 'InvalidUserType' });
    await assert.rejects(changePasswordOperation.handle({ OldPassword: 'Old-Pass-1234', NewPassword: 'New-Pass-1234' }, root), { code: 'InvalidUserType' });
  });

  it('works through the real aws iam change-password', { skip: fs.existsSync(AWS_CLI) ? false : `no AWS CLI at ${AWS_CLI}` }, async () => {
    const keys = await makeUser('hank', 'Hank-Pass-123', { allowed: true, resetRequired: true });
    const aws = async (args: string[]) => {
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: t.dataDir,
        AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1',
      };
      try {
        await run(AWS_CLI, ['--endpoint-url', t.url, 'iam', 'change-password', ...args], { env });
        return { ok: true, stderr: '' };
      } catch (error) {
        return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? error) };
      }
    };
    const wrong = await aws(['--old-password', 'Not-Hank-Pass-1', '--new-password', 'Hank-New-Pass-4']);
    assert.ok(!wrong.ok && wrong.stderr.includes('(AccessDenied)'), wrong.stderr);
    const ok = await aws(['--old-password', 'Hank-Pass-123', '--new-password', 'Hank-New-Pass-4']);
    assert.ok(ok.ok, ok.stderr);
    assert.equal((await signIn('hank', 'Hank-New-Pass-4')).status, 200);
    assert.equal((await signIn('hank', 'Hank-Pass-123')).status, 401);
  });

  it('audits every ChangePassword, allowed or refused, without either password', async () => {
    const trail = new CloudTrailClient({ region: 'us-east-1', endpoint: t.url, credentials: t.admin });
    const { Events = [] } = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ChangePassword' }], MaxResults: 50 }));
    const records = Events.map((e) => JSON.parse(e.CloudTrailEvent!));
    const text = JSON.stringify(records);
    assert.ok(records.some((r) => r.userIdentity.userName === 'erin' && !r.errorCode), text);
    assert.ok(records.some((r) => r.userIdentity.userName === 'frank' && r.errorCode === 'AccessDenied'), text);
    assert.ok(records.some((r) => r.userIdentity.userName === 'gina' && r.errorCode === 'AccessDenied'), text);
    assert.ok(records.some((r) => r.userIdentity.type === 'AssumedRole' && r.errorCode === 'InvalidUserType'), text);
    const erin = records.find((r) => r.userIdentity.userName === 'erin' && !r.errorCode);
    assert.deepEqual(erin.requestParameters, { oldPassword: 'HIDDEN_DUE_TO_SECURITY_REASONS', newPassword: 'HIDDEN_DUE_TO_SECURITY_REASONS' });
    for (const secret of ['Erin-First-Pass-1', 'Erin-Second-Pass-2', 'Not-His-Pass-9', 'Frank-New-Pass-4', 'weakling', 'Gina-Pass-123', 'Hank-Pass-123', 'Hank-New-Pass-4']) {
      assert.ok(!text.includes(secret), `${secret} is in the audit log`);
    }
    // The whole database, not only what LookupEvents shows.
    await auditIndexed(t.server.context.db);
    const stored = await t.server.context.db.selectFrom('audit_events').selectAll().execute();
    const all = JSON.stringify(stored) + auditJournalText(t.dataDir);
    for (const secret of ['Erin-Second-Pass-2', 'Not-His-Pass-9', 'weakling', 'Hank-New-Pass-4']) assert.ok(!all.includes(secret), `${secret} is in audit_events`);
  });
});
