/**
 * Console sign-in against a real server: a login profile's password buys temporary credentials
 * that work with the AWS SDK like GetSessionToken's; wrong and unknown look alike; guessing is
 * throttled; sign-in is audited as CloudTrail's ConsoleLogin; sign-out revokes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { startTestServer, signedFetch, type TestServer } from '../../test/server-harness';
import { bootstrapAccount } from '../iam/bootstrap';

describe('console sign-in', () => {
  let t: TestServer;
  const post = (path: string, body: unknown, type = 'application/json') =>
    fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
  const iam = (params: Record<string, string>) =>
    signedFetch({ url: t.url, credentials: t.admin, service: 'iam', body: new URLSearchParams({ Version: '2010-05-08', ...params }).toString() });

  before(async () => {
    t = await startTestServer();
    assert.equal((await iam({ Action: 'CreateUser', UserName: 'carol' })).status, 200);
    const made = await iam({ Action: 'CreateLoginProfile', UserName: 'carol', Password: 'Correct-Horse-9' });
    assert.equal(made.status, 200, made.text);
    assert.equal((await iam({ Action: 'CreateUser', UserName: 'dave' })).status, 200);
    assert.equal((await iam({ Action: 'CreateLoginProfile', UserName: 'dave', Password: 'Dave-Pass-123' })).status, 200);
  });
  after(() => t?.close());

  it('tells the browser its region and that the one account need not be typed', async () => {
    const config = (await (await fetch(`${t.url}/console/api/config`)).json()) as { region: string; accountRequired: boolean };
    assert.deepEqual({ region: config.region, accountRequired: config.accountRequired }, { region: 'us-east-1', accountRequired: false });
  });

  it('trades the password for ASIA credentials that act as the user through the SDK', async () => {
    const res = await post('/console/api/sign-in', { UserName: 'carol', Password: 'Correct-Horse-9' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as any;
    assert.match(body.Credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.ok(new Date(body.Credentials.Expiration).getTime() > Date.now() + 50 * 60_000);
    assert.equal(body.AccountId, t.admin.accountId);
    const sts = new STSClient({
      region: 'us-east-1', endpoint: t.url,
      credentials: { accessKeyId: body.Credentials.AccessKeyId, secretAccessKey: body.Credentials.SecretAccessKey, sessionToken: body.Credentials.SessionToken },
    });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    assert.match(who.Arn!, /:user\/carol$/);

    // Sign-out revokes: the same credentials stop working at once.
    const out = await post('/console/api/sign-out', { AccessKeyId: body.Credentials.AccessKeyId, SessionToken: body.Credentials.SessionToken });
    assert.equal(out.status, 204);
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (e: Error) => e.name === 'InvalidClientTokenId');
  });

  it('answers a wrong password and an unknown user with the same words', async () => {
    const wrong = await post('/console/api/sign-in', { UserName: 'carol', Password: 'nope-nope-1' });
    const unknown = await post('/console/api/sign-in', { UserName: 'nobody', Password: 'nope-nope-1' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(await wrong.json(), await unknown.json());
  });

  it('refuses a wrong account, and form posts from other sites', async () => {
    const res = await post('/console/api/sign-in', { Account: '000000000000', UserName: 'carol', Password: 'Correct-Horse-9' });
    assert.equal(res.status, 401);
    const form = await fetch(`${t.url}/console/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'UserName=carol&Password=Correct-Horse-9' });
    assert.equal(form.status, 415);
  });

  it('throttles guessing per user and address, even when the right password follows', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await post('/console/api/sign-in', { UserName: 'dave', Password: `guess-${i}` })).status, 401);
    const blocked = await post('/console/api/sign-in', { UserName: 'dave', Password: 'Dave-Pass-123' });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal(((await blocked.json()) as { __type: string }).__type, 'ThrottlingException');
  });

  it('records sign-ins as ConsoleLogin events readable with LookupEvents', async () => {
    const trail = new CloudTrailClient({ region: 'us-east-1', endpoint: t.url, credentials: t.admin });
    const { Events = [] } = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }] }));
    const records = Events.map((e) => JSON.parse(e.CloudTrailEvent!));
    const ok = records.find((r) => r.userIdentity.userName === 'carol' && r.responseElements?.ConsoleLogin === 'Success');
    assert.ok(ok, JSON.stringify(records, null, 1));
    assert.equal(ok.eventSource, 'signin.amazonaws.com');
    assert.equal(ok.eventType, 'AwsConsoleSignIn');
    assert.equal(ok.additionalEventData.MFAUsed, 'No');
    const failed = records.find((r) => r.userIdentity.userName === 'carol' && r.responseElements?.ConsoleLogin === 'Failure');
    assert.equal(failed?.errorMessage, 'Failed authentication');
    assert.ok(records.some((r) => r.userIdentity.userName === 'HIDDEN_DUE_TO_SECURITY_REASONS'));
    assert.ok(!JSON.stringify(records).includes('Correct-Horse-9'), 'no password in the log');
  });

  // Last: it adds a second account to the server.
  it('gives a user who must change their password credentials that can do nothing else', async () => {
    assert.equal((await iam({ Action: 'CreateUser', UserName: 'erin' })).status, 200);
    const everything = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    assert.equal((await iam({ Action: 'PutUserPolicy', UserName: 'erin', PolicyName: 'all', PolicyDocument: everything })).status, 200);
    assert.equal((await iam({ Action: 'CreateLoginProfile', UserName: 'erin', Password: 'Erin-First-1', PasswordResetRequired: 'true' })).status, 200);
    const signIn = async (password: string) => {
      const res = await post('/console/api/sign-in', { Account: t.admin.accountId, UserName: 'erin', Password: password });
      assert.equal(res.status, 200);
      const body = (await res.json()) as any;
      const c = body.Credentials;
      return { resetRequired: body.PasswordResetRequired as boolean, credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken } };
    };
    const describe = (credentials: object) =>
      signedFetch({ url: t.url, credentials: credentials as any, service: 'ssm', target: 'AmazonSSM.DescribeParameters', body: '{}' });
    const asErin = (credentials: object, params: Record<string, string>) =>
      signedFetch({ url: t.url, credentials: credentials as any, service: 'iam', body: new URLSearchParams({ Version: '2010-05-08', ...params }).toString() });

    const first = await signIn('Erin-First-1');
    assert.equal(first.resetRequired, true);
    const refused = await describe(first.credentials);
    assert.equal(refused.status, 400);
    assert.equal(refused.json().__type, 'AccessDeniedException');
    assert.notEqual((await asErin(first.credentials, { Action: 'GetAccountPasswordPolicy' })).text.includes('AccessDenied'), true);
    const changed = await asErin(first.credentials, { Action: 'ChangePassword', OldPassword: 'Erin-First-1', NewPassword: 'Erin-Second-2' });
    assert.equal(changed.status, 200, changed.text);
    // Those credentials stay what they were issued as; a new sign-in gets the user's permissions.
    assert.equal((await describe(first.credentials)).status, 400);
    const second = await signIn('Erin-Second-2');
    assert.equal(second.resetRequired, false);
    const allowed = await describe(second.credentials);
    assert.equal(allowed.status, 200, allowed.text);
  });

  it('asks for the account once the server holds several, and signs in to the one named', async () => {
    const second = await bootstrapAccount(t.server.context.db, t.server.context.secrets, { accountAlias: 'second-team' });
    const config = (await (await fetch(`${t.url}/console/api/config`)).json()) as { accountRequired: boolean };
    assert.equal(config.accountRequired, true);
    const without = await post('/console/api/sign-in', { UserName: 'carol', Password: 'Correct-Horse-9' });
    assert.equal(without.status, 400);
    assert.equal(((await without.json()) as { __type: string }).__type, 'AccountRequired');
    const named = await post('/console/api/sign-in', { Account: t.admin.accountId, UserName: 'carol', Password: 'Correct-Horse-9' });
    assert.equal(named.status, 200);
    // carol is not a user of the second account, named by its alias.
    const elsewhere = await post('/console/api/sign-in', { Account: 'second-team', UserName: 'carol', Password: 'Correct-Horse-9' });
    assert.equal(elsewhere.status, 401);
    assert.notEqual(second.accountId, t.admin.accountId);
  });
});
