import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DescribeParametersCommand, GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { forEachServer } from '../parameters/test-servers';

// The STS SDK names the wire code MalformedPolicyDocument after its shape, MalformedPolicyDocumentException.
const failsWith = async (p: Promise<unknown>, name: string) => {
  await assert.rejects(p, (e: Error) => { assert.equal(e.name, name, e.message); return true; });
};
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

// AWS: credentials from AssumeRole with Policy / PolicyArns can do what both the role's policies
// and the session policies allow, nothing more.
forEachServer('AssumeRole session policies', (f) => {
  it('narrow the session to the intersection of the role and the session policies', async () => {
    const region = 'us-east-1';
    const iam = new IAMClient({ region, endpoint: f.url, credentials: f.admin });
    const sts = new STSClient({ region, endpoint: f.url, credentials: f.admin });
    await f.client().send(new PutParameterCommand({ Name: '/narrow/value', Value: 'v', Type: 'String' }));
    const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${f.accountId}:root` }, Action: 'sts:AssumeRole' });
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust }))).Role!;
    await iam.send(new PutRolePolicyCommand({
      RoleName: 'reader', PolicyName: 'read',
      PolicyDocument: policy({ Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:DescribeParameters'], Resource: '*' }),
    }));
    const describeOnly = (await iam.send(new CreatePolicyCommand({
      PolicyName: 'describe-only', PolicyDocument: policy({ Effect: 'Allow', Action: 'ssm:DescribeParameters', Resource: '*' }),
    }))).Policy!;
    const ssmAs = async (extra: { Policy?: string; PolicyArns?: { arn: string }[] }) => {
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'narrow', ...extra }))).Credentials!;
      return new SSMClient({ region, endpoint: f.url, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
    };
    const get = (ssm: SSMClient) => ssm.send(new GetParameterCommand({ Name: '/narrow/value' }));
    const describe = (ssm: SSMClient) => ssm.send(new DescribeParametersCommand({}));
    const put = (ssm: SSMClient) => ssm.send(new PutParameterCommand({ Name: '/narrow/value', Value: 'w', Overwrite: true }));

    const plain = await ssmAs({});
    assert.equal((await get(plain)).Parameter!.Value, 'v');
    await describe(plain);

    // Inline: GetParameter and PutParameter asked for; the role allows only the first.
    const inline = await ssmAs({ Policy: policy({ Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:PutParameter'], Resource: '*' }) });
    assert.equal((await get(inline)).Parameter!.Value, 'v');
    await failsWith(describe(inline), 'AccessDeniedException');
    await failsWith(put(inline), 'AccessDeniedException');

    // Managed: a customer policy by ARN.
    const managed = await ssmAs({ PolicyArns: [{ arn: describeOnly.Arn! }] });
    await describe(managed);
    await failsWith(get(managed), 'AccessDeniedException');

    // Both together are one set: either may allow; an explicit Deny in either denies.
    const both = await ssmAs({
      Policy: policy({ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }, { Effect: 'Deny', Action: 'ssm:DescribeParameters', Resource: '*' }),
      PolicyArns: [{ arn: describeOnly.Arn! }],
    });
    assert.equal((await get(both)).Parameter!.Value, 'v');
    await failsWith(describe(both), 'AccessDeniedException');

    await failsWith(ssmAs({ Policy: '{"Statement": "nope"' }), 'MalformedPolicyDocumentException');
    await failsWith(ssmAs({ PolicyArns: [{ arn: `arn:aws:iam::${f.accountId}:policy/no-such-policy` }] }), 'MalformedPolicyDocumentException');
  });
});
