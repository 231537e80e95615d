import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CreateDocumentCommand, ModifyDocumentPermissionCommand } from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../operations/types';
import { documentForExecution, renderSteps, resolveParameters } from './index';
import { forEachDocumentsServer } from './test-servers';

const shell = (name: string, commands: string[], parameters: object = {}) => JSON.stringify({
  schemaVersion: '2.2', parameters, mainSteps: [{ action: 'aws:runShellScript', name, inputs: { runCommand: commands } }],
});

forEachDocumentsServer('documents as Run Command runs them', (f) => {
  it('a stored document nesting a shared one renders to plain steps, parameters and {{ssm:…}} resolved', async () => {
    const mine = f.client();
    const theirs = f.client(f.other);
    // The other account owns the nested document and shares it.
    await theirs.send(new CreateDocumentCommand({ Name: 'Library', Content: shell('lib', ['echo lib {{ arg }}'], { arg: { type: 'String' } }) }));
    await theirs.send(new ModifyDocumentPermissionCommand({ Name: 'Library', PermissionType: 'Share', AccountIdsToAdd: [f.accountId] }));
    const libraryArn = `arn:aws:ssm:us-east-1:${f.other.accountId}:document/Library`;
    await mine.send(new CreateDocumentCommand({
      Name: 'Pipeline',
      DocumentFormat: 'YAML',
      Content: [
        'schemaVersion: "2.2"',
        'parameters:',
        '  target: {type: String, default: "{{ssm:/deploy/target}}"}',
        '  retries: {type: Integer, default: 3}',
        'mainSteps:',
        '  - {action: aws:runShellScript, name: prepare, inputs: {runCommand: ["deploy --to {{ target }} --retries {{ retries }}"]}}',
        `  - {action: aws:runDocument, name: library, inputs: {documentType: SSMDocument, documentPath: "${libraryArn}", documentParameters: {arg: "{{ target }}"}}}`,
        '',
      ].join('\n'),
    }));

    const ctx = { accountId: f.accountId, region: 'us-east-1', db: f.server.context.db } as RequestContext;
    const doc = await documentForExecution(ctx, 'Pipeline', '$LATEST');
    assert.deepEqual([doc.documentVersion, doc.schemaVersion, doc.arn], ['1', '2.2', `arn:aws:ssm:us-east-1:${f.accountId}:document/Pipeline`]);
    const parameters = resolveParameters(doc, { retries: ['5'] });
    assert.deepEqual(parameters, { target: '{{ssm:/deploy/target}}', retries: 5 });
    const reads: string[] = [];
    const steps = await renderSteps(doc, parameters, async (name) => { reads.push(name); return 'web-1'; });
    assert.deepEqual(steps.map((s) => [s.name, s.action, s.inputs.runCommand]), [
      ['prepare', 'aws:runShellScript', ['deploy --to web-1 --retries 5']],
      ['library.lib', 'aws:runShellScript', ['echo lib web-1']],
    ]);
    assert.deepEqual(reads, ['/deploy/target']);

    // Unshared, the nested document is not there for this account: AWS's InvalidDocument.
    await theirs.send(new ModifyDocumentPermissionCommand({ Name: 'Library', PermissionType: 'Share', AccountIdsToRemove: [f.accountId] }));
    await assert.rejects(renderSteps(doc, parameters, async () => 'web-1'), (e: Error & { code?: string }) => e.code === 'InvalidDocument');
    await assert.rejects(documentForExecution(ctx, 'Pipeline', '2'), (e: Error & { code?: string }) => e.code === 'InvalidDocumentVersion');
    await assert.rejects(documentForExecution(ctx, 'Nowhere'), (e: Error & { code?: string }) => e.code === 'InvalidDocument');
  });

  it('only Command documents run', async () => {
    await f.client().send(new CreateDocumentCommand({ Name: 'Sess', DocumentType: 'Session', Content: JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: {} }) }));
    const ctx = { accountId: f.accountId, region: 'us-east-1', db: f.server.context.db } as RequestContext;
    await assert.rejects(documentForExecution(ctx, 'Sess'), /only Command documents/);
  });
});
