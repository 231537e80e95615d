/**
 * GetFederationToken through @aws-sdk/client-sts against a real server, on SQLite and
 * PostgreSQL: a proxy IAM user hands out credentials for its end users that can do what both its
 * own policies and the session policy allow, nothing without a session policy, no IAM call and no
 * STS call but GetCallerIdentity.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { forEachServer } from '../parameters/test-servers';

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const failsWith = async (p: Promise<unknown>, name: string) => {
  await assert.rejects(p, (e: Error) => { assert.equal(e.name, name, e.message); return true; });
};

forEachServer('GetFederationToken', (f) => {
  it("federated users get the intersection of the proxy user's and the session policy, and no IAM or STS", async () => {
    const region = 'us-east-1';
    const iam = new IAMClient({ region, endpoint: f.url, credentials: f.admin });
    await f.client().send(new PutParameterCommand({ Name: '/app/db-host', Value: 'db.internal', Type: 'String' }));
    await f.client().send(new PutParameterCommand({ Name: '/other/secret', Value: 'x', Type: 'String' }));
    await iam.send(new CreateUserCommand({ UserName: 'proxy' }));
    await iam.send(new PutUserPolicyCommand({
      UserName: 'proxy', PolicyName: 'broker',
      PolicyDocument: policy(
        { Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:PutParameter'], Resource: '*' },
        { Effect: 'Allow', Action: ['sts:GetFederationToken', 'iam:ListUsers'], Resource: '*' },
      ),
    }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'proxy' }))).AccessKey!;
    const proxy = new STSClient({ region, endpoint: f.url, credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    const federated = async (extra: { Policy?: string }) => {
      const out = await proxy.send(new GetFederationTokenCommand({ Name: 'alice@example', DurationSeconds: 900, ...extra }));
      assert.equal(out.FederatedUser!.Arn, `arn:aws:sts::${f.accountId}:federated-user/alice@example`);
      assert.equal(out.FederatedUser!.FederatedUserId, `${f.accountId}:alice@example`);
      assert.ok(out.Credentials!.AccessKeyId!.startsWith('ASIA'));
      const credentials = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
      return {
        ssm: new SSMClient({ region, endpoint: f.url, credentials }),
        sts: new STSClient({ region, endpoint: f.url, credentials }),
        iam: new IAMClient({ region, endpoint: f.url, credentials }),
      };
    };

    const alice = await federated({ Policy: policy({ Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:DeleteParameter'], Resource: `arn:aws:ssm:*:*:parameter/app/*` }) });
    assert.equal((await alice.ssm.send(new GetParameterCommand({ Name: '/app/db-host' }))).Parameter!.Value, 'db.internal');
    // Outside the session policy's resources; allowed to the proxy but not in the session policy;
    // in the session policy but not allowed to the proxy.
    await failsWith(alice.ssm.send(new GetParameterCommand({ Name: '/other/secret' })), 'AccessDeniedException');
    await failsWith(alice.ssm.send(new PutParameterCommand({ Name: '/app/db-host', Value: 'y', Overwrite: true })), 'AccessDeniedException');
    await failsWith(alice.ssm.send(new DeleteParameterCommand({ Name: '/app/db-host' })), 'AccessDeniedException');
    const me = await alice.sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual([me.Arn, me.UserId, me.Account], [`arn:aws:sts::${f.accountId}:federated-user/alice@example`, `${f.accountId}:alice@example`, f.accountId]);

    // Even a session policy allowing everything opens no IAM call and no other STS call.
    const wide = await federated({ Policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) });
    await failsWith(wide.iam.send(new ListUsersCommand({})), 'AccessDenied');
    await failsWith(wide.sts.send(new GetSessionTokenCommand({})), 'AccessDenied');
    await failsWith(wide.sts.send(new GetFederationTokenCommand({ Name: 'again' })), 'AccessDenied');
    assert.equal((await wide.ssm.send(new GetParameterCommand({ Name: '/other/secret' }))).Parameter!.Value, 'x');

    // AWS: without a session policy a federated user can do nothing.
    const bare = await federated({});
    await failsWith(bare.ssm.send(new GetParameterCommand({ Name: '/app/db-host' })), 'AccessDeniedException');
  });

  it('refuses bad names and durations, and callers without sts:GetFederationToken', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: f.url, credentials: f.admin });
    await failsWith(sts.send(new GetFederationTokenCommand({ Name: 'a' })), 'ValidationError');
    await failsWith(sts.send(new GetFederationTokenCommand({ Name: 'bad name' })), 'ValidationError');
    await failsWith(sts.send(new GetFederationTokenCommand({ Name: 'ok-name', DurationSeconds: 129601 })), 'ValidationError');
    const iam = new IAMClient({ region: 'us-east-1', endpoint: f.url, credentials: f.admin });
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    const nobody = new STSClient({ region: 'us-east-1', endpoint: f.url, credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    await failsWith(nobody.send(new GetFederationTokenCommand({ Name: 'someone' })), 'AccessDenied');
  });
});
