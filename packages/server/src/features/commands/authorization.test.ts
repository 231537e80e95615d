/**
 * ssm:SendCommand is authorised on the document AND on every target node with its tags: a
 * user allowed only nodes tagged env=dev is refused on others, and a user allowed the nodes
 * but not the document is refused too. Refused commands create nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { ListCommandsCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { Fleet, type FakeNode } from './testing/fleet';

describe('SendCommand authorisation', () => {
  let fleet: Fleet;
  let dev: FakeNode;
  let prod: FakeNode;
  before(async () => {
    fleet = await Fleet.start();
    [dev] = await fleet.add(1, { env: 'dev' });
    [prod] = await fleet.add(1, { env: 'prod' });
  });
  after(async () => fleet?.close());

  async function userWith(name: string, statements: object[]) {
    await fleet.iam.send(new CreateUserCommand({ UserName: name }));
    await fleet.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
    const { AccessKey } = await fleet.iam.send(new CreateAccessKeyCommand({ UserName: name }));
    return fleet.ssmAs({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
  }

  const devNodesOnly = {
    Effect: 'Allow', Action: 'ssm:SendCommand', Resource: 'arn:aws:ssm:*:*:managed-instance/*',
    Condition: { StringEquals: { 'aws:ResourceTag/env': 'dev' } },
  };
  const shellDocument = { Effect: 'Allow', Action: 'ssm:SendCommand', Resource: 'arn:aws:ssm:*::document/AWS-RunShellScript' };

  it('a user allowed only env=dev nodes runs on dev and is refused on prod', async () => {
    const ssm = await userWith('dev-operator', [shellDocument, devNodesOnly]);
    const ok = await ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [dev.id], Parameters: { commands: ['true'] } }));
    assert.equal(ok.Command!.TargetCount, 1);
    await assert.rejects(
      ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [prod.id], Parameters: { commands: ['true'] } })),
      (e: Error) => e.name === 'AccessDeniedException' && e.message.includes(`managed-instance/${prod.id}`),
    );
    // Targeting by tag reaches prod too, so it is refused as a whole.
    await assert.rejects(
      ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag-key', Values: ['env'] }], Parameters: { commands: ['true'] } })),
      (e: Error) => e.name === 'AccessDeniedException',
    );
    const all = (await fleet.ssm.send(new ListCommandsCommand({}))).Commands!;
    assert.equal(all.length, 1, 'refused sends leave no command behind');
  });

  it('a user allowed the nodes but not the document is refused', async () => {
    const ssm = await userWith('no-document', [devNodesOnly]);
    await assert.rejects(
      ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [dev.id], Parameters: { commands: ['true'] } })),
      (e: Error) => e.name === 'AccessDeniedException' && e.message.includes('document/AWS-RunShellScript'),
    );
  });

  it('unknown nodes and documents answer AWS errors', async () => {
    await assert.rejects(
      fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: ['mi-0123456789abcdef0'], Parameters: { commands: ['true'] } })),
      (e: Error) => e.name === 'InvalidInstanceId',
    );
    await assert.rejects(
      fleet.ssm.send(new SendCommandCommand({ DocumentName: 'No-Such-Document', InstanceIds: [dev.id] })),
      (e: Error) => e.name === 'InvalidDocument',
    );
    await assert.rejects(
      fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'resource-groups:Name', Values: ['web'] }], Parameters: { commands: ['true'] } })),
      (e: Error) => e.name === 'ValidationException' && /resource groups/.test(e.message),
    );
  });
});
