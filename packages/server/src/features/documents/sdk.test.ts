import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  AddTagsToResourceCommand, CreateDocumentCommand, DeleteDocumentCommand, DescribeDocumentCommand, DescribeDocumentPermissionCommand,
  GetDocumentCommand, ListDocumentVersionsCommand, ListDocumentsCommand, ListTagsForResourceCommand, ModifyDocumentPermissionCommand,
  UpdateDocumentCommand, UpdateDocumentDefaultVersionCommand, type SSMClient,
} from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../operations/types';
import { documentForExecution } from './index';
import { forEachDocumentsServer } from './test-servers';

const failsWith = async (p: Promise<unknown>, name: string, message?: RegExp) => {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
};

const script = (commands: string[], extra: object = {}) => JSON.stringify({
  schemaVersion: '2.2', description: 'test', ...extra,
  mainSteps: [{ action: 'aws:runShellScript', name: 'run', inputs: { runCommand: commands } }],
});

async function names(ssm: SSMClient, input: ConstructorParameters<typeof ListDocumentsCommand>[0]): Promise<string[]> {
  const out: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ssm.send(new ListDocumentsCommand({ ...input, NextToken }));
    out.push(...page.DocumentIdentifiers!.map((d) => d.Name!));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

forEachDocumentsServer('documents through @aws-sdk/client-ssm', (f) => {
  it('creates, versions, converts formats and deletes, with AWS errors', async () => {
    const ssm = f.client();
    const created = (await ssm.send(new CreateDocumentCommand({ Name: 'Deploy', Content: script(['echo one']), VersionName: 'v1', Tags: [{ Key: 'team', Value: 'ops' }] }))).DocumentDescription!;
    assert.deepEqual([created.DocumentVersion, created.LatestVersion, created.DefaultVersion, created.Owner, created.Status, created.DocumentType], ['1', '1', '1', f.accountId, 'Active', 'Command']);
    assert.deepEqual([created.SchemaVersion, created.DocumentFormat, created.HashType, created.PlatformTypes], ['2.2', 'JSON', 'Sha256', ['Linux', 'MacOS']]);
    assert.deepEqual(created.Tags, [{ Key: 'team', Value: 'ops' }]);

    await failsWith(ssm.send(new CreateDocumentCommand({ Name: 'Deploy', Content: script(['x']) })), 'DocumentAlreadyExists');
    await failsWith(ssm.send(new CreateDocumentCommand({ Name: 'AWS-Mine', Content: script(['x']) })), 'ValidationException', /reserved/);
    await failsWith(ssm.send(new CreateDocumentCommand({ Name: 'amazonThing', Content: script(['x']) })), 'ValidationException', /reserved/);
    await failsWith(ssm.send(new CreateDocumentCommand({ Name: 'Broken', Content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [] }) })), 'InvalidDocumentContent', /non-empty list of steps/);

    // YAML in, JSON out (and back).
    const yaml = 'schemaVersion: "2.2"\ndescription: two\nmainSteps:\n  - action: aws:runShellScript\n    name: run\n    inputs:\n      runCommand:\n        - echo two\n';
    const v2 = (await ssm.send(new UpdateDocumentCommand({ Name: 'Deploy', Content: yaml, DocumentFormat: 'YAML', VersionName: 'v2', DocumentVersion: '$LATEST' }))).DocumentDescription!;
    assert.deepEqual([v2.DocumentVersion, v2.LatestVersion, v2.DefaultVersion, v2.Description], ['2', '2', '1', 'two']);
    const asJson = await ssm.send(new GetDocumentCommand({ Name: 'Deploy', DocumentVersion: '$LATEST', DocumentFormat: 'JSON' }));
    assert.equal(asJson.DocumentFormat, 'JSON');
    assert.deepEqual(JSON.parse(asJson.Content!).mainSteps[0].inputs.runCommand, ['echo two']);
    const asYaml = await ssm.send(new GetDocumentCommand({ Name: 'Deploy', DocumentFormat: 'YAML' }));
    assert.match(asYaml.Content!, /- echo one/);
    assert.equal(asYaml.DocumentVersion, '1');
    assert.equal((await ssm.send(new GetDocumentCommand({ Name: 'Deploy', VersionName: 'v2' }))).DocumentVersion, '2');

    // The same content in the other format is still the same content.
    await failsWith(ssm.send(new UpdateDocumentCommand({ Name: 'Deploy', Content: JSON.stringify(JSON.parse(asJson.Content!)) })), 'DuplicateDocumentContent', /version 2/);
    await failsWith(ssm.send(new UpdateDocumentCommand({ Name: 'Deploy', Content: script(['echo three']), VersionName: 'v1' })), 'DuplicateDocumentVersionName');
    await failsWith(ssm.send(new UpdateDocumentCommand({ Name: 'Deploy', Content: script(['echo three']), DocumentVersion: '1' })), 'InvalidDocumentVersion');
    await failsWith(ssm.send(new UpdateDocumentCommand({ Name: 'Nothing', Content: script(['x']) })), 'InvalidDocument');

    const def = await ssm.send(new UpdateDocumentDefaultVersionCommand({ Name: 'Deploy', DocumentVersion: '2' }));
    assert.deepEqual(def.Description, { Name: 'Deploy', DefaultVersion: '2', DefaultVersionName: 'v2' });
    assert.equal((await ssm.send(new DescribeDocumentCommand({ Name: 'Deploy' }))).Document!.DocumentVersion, '2');
    await failsWith(ssm.send(new UpdateDocumentDefaultVersionCommand({ Name: 'Deploy', DocumentVersion: '9' })), 'InvalidDocumentVersion');

    const versions = (await ssm.send(new ListDocumentVersionsCommand({ Name: 'Deploy' }))).DocumentVersions!;
    assert.deepEqual(versions.map((v) => [v.DocumentVersion, v.VersionName, v.IsDefaultVersion, v.DocumentFormat]), [['1', 'v1', false, 'JSON'], ['2', 'v2', true, 'YAML']]);

    await failsWith(ssm.send(new DeleteDocumentCommand({ Name: 'Deploy', DocumentVersion: '2' })), 'InvalidDocumentOperation', /default version/);
    await ssm.send(new DeleteDocumentCommand({ Name: 'Deploy', VersionName: 'v1' }));
    await failsWith(ssm.send(new GetDocumentCommand({ Name: 'Deploy', DocumentVersion: '1' })), 'InvalidDocumentVersion');
    // A deleted version's number is never handed out again.
    assert.equal((await ssm.send(new UpdateDocumentCommand({ Name: 'Deploy', Content: script(['echo four']) }))).DocumentDescription!.DocumentVersion, '3');
    await ssm.send(new DeleteDocumentCommand({ Name: 'Deploy' }));
    await failsWith(ssm.send(new DescribeDocumentCommand({ Name: 'Deploy' })), 'InvalidDocument');
  });

  it('built-ins are Amazon-owned, readable and read-only', async () => {
    const ssm = f.client();
    const shell = (await ssm.send(new DescribeDocumentCommand({ Name: 'AWS-RunShellScript' }))).Document!;
    assert.equal(shell.Owner, 'Amazon');
    assert.equal(shell.SchemaVersion, '1.2');
    assert.deepEqual(shell.Parameters!.map((p) => [p.Name, p.Type, p.DefaultValue]), [['commands', 'StringList', undefined], ['workingDirectory', 'String', ''], ['executionTimeout', 'String', '3600']]);
    const byArn = await ssm.send(new GetDocumentCommand({ Name: 'arn:aws:ssm:us-east-1::document/AWS-RunDocument' }));
    assert.equal(byArn.Name, 'AWS-RunDocument');
    await failsWith(ssm.send(new UpdateDocumentCommand({ Name: 'AWS-RunShellScript', Content: script(['x']) })), 'InvalidDocumentOperation');
    await failsWith(ssm.send(new DeleteDocumentCommand({ Name: 'AWS-RunShellScript' })), 'InvalidDocumentOperation');
    assert.deepEqual(await names(ssm, { Filters: [{ Key: 'Owner', Values: ['Amazon'] }] }), ['AWS-RunDocument', 'AWS-RunShellScript', // Session Manager's built-ins:
      'AWS-StartInteractiveCommand', 'AWS-StartNonInteractiveCommand', 'AWS-StartPortForwardingSession', 'AWS-StartPortForwardingSessionToRemoteHost', 'AWS-StartSSHSession']);
  });

  it('ListDocuments filters by owner, type, name, platform and tag, and pages', async () => {
    const ssm = f.client();
    await ssm.send(new CreateDocumentCommand({ Name: 'list-a', Content: script(['a']), Tags: [{ Key: 'env', Value: 'prod' }] }));
    await ssm.send(new CreateDocumentCommand({ Name: 'list-b', Content: script(['b']), Tags: [{ Key: 'env', Value: 'dev' }] }));
    await ssm.send(new CreateDocumentCommand({ Name: 'list-auto', DocumentType: 'Automation', Content: JSON.stringify({ schemaVersion: '0.3', mainSteps: [{ name: 's', action: 'aws:sleep', inputs: { Duration: 'PT1S' } }] }) }));
    await ssm.send(new CreateDocumentCommand({ Name: 'list-win', Content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runPowerShellScript', name: 'ps', inputs: { runCommand: ['dir'] } }] }) }));
    assert.deepEqual(await names(ssm, { Filters: [{ Key: 'Owner', Values: ['Self'] }] }), ['list-a', 'list-auto', 'list-b', 'list-win']);
    assert.deepEqual(await names(ssm, { Filters: [{ Key: 'Owner', Values: ['Self'] }, { Key: 'DocumentType', Values: ['Automation'] }] }), ['list-auto']);
    assert.deepEqual(await names(ssm, { DocumentFilterList: [{ key: 'Owner', value: 'Self' }, { key: 'PlatformTypes', value: 'Windows' }] }), ['list-auto', 'list-win']);
    assert.deepEqual(await names(ssm, { Filters: [{ Key: 'tag:env', Values: ['prod'] }] }), ['list-a']);
    assert.deepEqual(await names(ssm, { Filters: [{ Key: 'Name', Values: ['list-a'] }] }), ['list-a', 'list-auto']);
    // Default (no Owner): own and Amazon's, one page at a time.
    const all = await names(ssm, { MaxResults: 1 });
    assert.deepEqual(all, ['AWS-RunDocument', 'AWS-RunShellScript', 'AWS-StartInteractiveCommand', 'AWS-StartNonInteractiveCommand', 'AWS-StartPortForwardingSession', 'AWS-StartPortForwardingSessionToRemoteHost', 'AWS-StartSSHSession',
      'list-a', 'list-auto', 'list-b', 'list-win']);
    await failsWith(ssm.send(new ListDocumentsCommand({ Filters: [{ Key: 'Colour', Values: ['x'] }] })), 'InvalidFilterKey');
    await failsWith(ssm.send(new ListDocumentsCommand({ NextToken: 'forged.token' })), 'InvalidNextToken');
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Document', ResourceId: 'list-b', Tags: [{ Key: 'env', Value: 'prod' }] }));
    assert.deepEqual((await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Document', ResourceId: 'list-b' }))).TagList, [{ Key: 'env', Value: 'prod' }]);
    assert.deepEqual(await names(ssm, { Filters: [{ Key: 'tag:env', Values: ['prod'] }] }), ['list-a', 'list-b']);
    await failsWith(ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Document', ResourceId: 'nope' })), 'InvalidResourceId');
  });

  it('shares with another account, which can read and run it by ARN', async () => {
    const ssm = f.client();
    const theirs = f.client(f.other);
    await ssm.send(new CreateDocumentCommand({ Name: 'shared-doc', Content: script(['echo shared']) }));
    const arn = `arn:aws:ssm:us-east-1:${f.accountId}:document/shared-doc`;
    await failsWith(theirs.send(new GetDocumentCommand({ Name: arn })), 'InvalidDocument');
    await ssm.send(new ModifyDocumentPermissionCommand({ Name: 'shared-doc', PermissionType: 'Share', AccountIdsToAdd: [f.other.accountId] }));
    const perms = await ssm.send(new DescribeDocumentPermissionCommand({ Name: 'shared-doc', PermissionType: 'Share' }));
    assert.deepEqual(perms.AccountIds, [f.other.accountId]);
    assert.deepEqual(perms.AccountSharingInfoList, [{ AccountId: f.other.accountId, SharedDocumentVersion: '$DEFAULT' }]);
    assert.match((await theirs.send(new GetDocumentCommand({ Name: arn }))).Content!, /echo shared/);
    assert.deepEqual(await names(theirs, { Filters: [{ Key: 'Owner', Values: ['Private'] }] }), ['shared-doc']);
    // The other account cannot change it, and its own namespace does not contain it.
    await failsWith(theirs.send(new GetDocumentCommand({ Name: 'shared-doc' })), 'InvalidDocument');
    await failsWith(theirs.send(new ModifyDocumentPermissionCommand({ Name: 'shared-doc', PermissionType: 'Share', AccountIdsToAdd: [f.other.accountId] })), 'InvalidDocument');

    const ctx = { accountId: f.other.accountId, region: 'us-east-1', db: f.server.context.db } as RequestContext;
    const runnable = await documentForExecution(ctx, arn);
    assert.deepEqual([runnable.name, runnable.arn, runnable.documentVersion, runnable.platformTypes], ['shared-doc', arn, '1', ['Linux', 'MacOS']]);
    await assert.rejects(documentForExecution(ctx, arn, '7'), /InvalidDocumentVersion|not valid/);
    const builtin = await documentForExecution(ctx, 'AWS-RunShellScript');
    assert.equal(builtin.arn, 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript');

    await failsWith(ssm.send(new DeleteDocumentCommand({ Name: 'shared-doc' })), 'InvalidDocumentOperation', /still shared/);
    await ssm.send(new ModifyDocumentPermissionCommand({ Name: 'shared-doc', PermissionType: 'Share', AccountIdsToRemove: [f.other.accountId] }));
    await failsWith(theirs.send(new GetDocumentCommand({ Name: arn })), 'InvalidDocument');
    await assert.rejects(documentForExecution(ctx, arn), /does not exist/);
    await ssm.send(new DeleteDocumentCommand({ Name: 'shared-doc' }));
  });

  it('IAM authorises each call on the document ARN (built-ins without an account)', async () => {
    await f.client().send(new CreateDocumentCommand({ Name: 'team-allowed', Content: script(['ok']) }));
    await f.client().send(new CreateDocumentCommand({ Name: 'team-secret', Content: script(['no']) }));
    const keys = await f.userWithPolicy('doc-reader', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ssm:GetDocument', Resource: [`arn:aws:ssm:us-east-1:${f.accountId}:document/team-allowed`, 'arn:aws:ssm:us-east-1::document/AWS-*'] }],
    });
    const user = f.client(keys);
    assert.equal((await user.send(new GetDocumentCommand({ Name: 'team-allowed' }))).Name, 'team-allowed');
    assert.equal((await user.send(new GetDocumentCommand({ Name: 'AWS-RunShellScript' }))).Name, 'AWS-RunShellScript');
    await failsWith(user.send(new GetDocumentCommand({ Name: 'team-secret' })), 'AccessDeniedException');
    await failsWith(user.send(new CreateDocumentCommand({ Name: 'team-new', Content: script(['x']) })), 'AccessDeniedException');
  });

  it('public documents are listed under Owner Public, not by default', async () => {
    await f.client().send(new CreateDocumentCommand({ Name: 'for-everyone', Content: script(['echo public']) }));
    await f.client().send(new ModifyDocumentPermissionCommand({ Name: 'for-everyone', PermissionType: 'Share', AccountIdsToAdd: ['All'] }));
    const theirs = f.client(f.other);
    assert.deepEqual(await names(theirs, { Filters: [{ Key: 'Owner', Values: ['Public'] }] }), ['for-everyone']);
    assert.ok(!(await names(theirs, {})).includes('for-everyone'));
    const got = await theirs.send(new DescribeDocumentCommand({ Name: `arn:aws:ssm:us-east-1:${f.accountId}:document/for-everyone` }));
    assert.deepEqual([got.Document!.Owner, got.Document!.Tags], [f.accountId, []]);
  });

  it('concurrent updates each get their own version number', async () => {
    const ssm = f.client();
    await ssm.send(new CreateDocumentCommand({ Name: 'busy', Content: script(['echo 0']) }));
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      ssm.send(new UpdateDocumentCommand({ Name: 'busy', Content: script([`echo ${i + 1}`]) }))));
    const numbers = results.map((r) => Number(r.DocumentDescription!.DocumentVersion)).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: 12 }, (_, i) => i + 2));
    const versions = (await ssm.send(new ListDocumentVersionsCommand({ Name: 'busy' }))).DocumentVersions!;
    assert.equal(versions.length, 13);
  });

  it('SharedDocumentVersion: $DEFAULT shows one version, $ALL every one', async () => {
    const ssm = f.client();
    await ssm.send(new CreateDocumentCommand({ Name: 'pinned', Content: script(['echo v1']) }));
    await ssm.send(new UpdateDocumentCommand({ Name: 'pinned', Content: script(['echo v2']) }));
    await ssm.send(new ModifyDocumentPermissionCommand({ Name: 'pinned', PermissionType: 'Share', AccountIdsToAdd: [f.other.accountId] }));
    await failsWith(ssm.send(new ModifyDocumentPermissionCommand({ Name: 'pinned', PermissionType: 'Share', AccountIdsToAdd: [f.other.accountId], SharedDocumentVersion: '1' })), 'ValidationException');
    const theirs = f.client(f.other);
    const arn = `arn:aws:ssm:us-east-1:${f.accountId}:document/pinned`;
    assert.match((await theirs.send(new GetDocumentCommand({ Name: arn }))).Content!, /echo v1/);
    await failsWith(theirs.send(new GetDocumentCommand({ Name: arn, DocumentVersion: '$LATEST' })), 'InvalidDocumentVersion');
    assert.deepEqual((await theirs.send(new ListDocumentVersionsCommand({ Name: arn }))).DocumentVersions!.map((v) => v.DocumentVersion), ['1']);
    await ssm.send(new ModifyDocumentPermissionCommand({ Name: 'pinned', PermissionType: 'Share', AccountIdsToAdd: [f.other.accountId], SharedDocumentVersion: '$ALL' }));
    assert.match((await theirs.send(new GetDocumentCommand({ Name: arn, DocumentVersion: '$LATEST' }))).Content!, /echo v2/);
    assert.deepEqual((await theirs.send(new ListDocumentVersionsCommand({ Name: arn }))).DocumentVersions!.map((v) => v.DocumentVersion), ['1', '2']);
  });
});
