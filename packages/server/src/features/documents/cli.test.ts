import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { forEachDocumentsServer } from './test-servers';
import { awsSsm as aws } from '../../../test/aws-cli';

forEachDocumentsServer('documents through the aws CLI', (f) => {
  it('create-document from a YAML file, get-document as JSON, update-document, list-documents, delete-document', async () => {
    const file = path.join(f.dataDir, 'hello.yaml');
    fs.writeFileSync(file, [
      'schemaVersion: "2.2"',
      'description: Say hello',
      'parameters:',
      '  who:',
      '    type: String',
      '    default: world',
      'mainSteps:',
      '  - action: aws:runShellScript',
      '    name: hello',
      '    inputs:',
      '      runCommand:',
      '        - echo hello {{ who }}',
      '',
    ].join('\n'));
    const created = await aws(f, ['create-document', '--name', 'Hello', '--content', `file://${file}`, '--document-format', 'YAML', '--document-type', 'Command']);
    assert.ok(created.ok, created.stderr);
    assert.deepEqual(created.json.DocumentDescription.Parameters, [{ Name: 'who', Type: 'String', DefaultValue: 'world' }]);
    assert.equal(created.json.DocumentDescription.DocumentFormat, 'YAML');

    const got = await aws(f, ['get-document', '--name', 'Hello', '--document-format', 'JSON']);
    assert.equal(JSON.parse(got.json.Content).mainSteps[0].inputs.runCommand[0], 'echo hello {{ who }}');

    const bad = await aws(f, ['update-document', '--name', 'Hello', '--content', '{"schemaVersion":"2.2","mainSteps":[{"name":"x","inputs":{}}]}', '--document-version', '$LATEST']);
    assert.ok(!bad.ok && bad.stderr.includes('InvalidDocumentContent') && bad.stderr.includes('Step "x" has no action'), bad.stderr);
    const dup = await aws(f, ['update-document', '--name', 'Hello', '--content', `file://${file}`, '--document-format', 'YAML']);
    assert.ok(!dup.ok && dup.stderr.includes('DuplicateDocumentContent'), dup.stderr);
    const updated = await aws(f, ['update-document', '--name', 'Hello', '--content', got.json.Content.replace('hello', 'hi'), '--document-version', '$LATEST']);
    assert.equal(updated.json.DocumentDescription.DocumentVersion, '2');

    // The CLI follows NextToken itself: page size 1 still lists every document once.
    const listed = await aws(f, ['list-documents', '--filters', 'Key=Owner,Values=Self', '--page-size', '1']);
    assert.deepEqual(listed.json.DocumentIdentifiers.map((d: { Name: string; DocumentVersion: string }) => [d.Name, d.DocumentVersion]), [['Hello', '1']]);
    const amazon = await aws(f, ['list-documents', '--document-filter-list', 'key=Owner,value=Amazon']);
    assert.ok(amazon.json.DocumentIdentifiers.some((d: { Name: string; Owner: string }) => d.Name === 'AWS-RunShellScript' && d.Owner === 'Amazon'));
    const versions = await aws(f, ['list-document-versions', '--name', 'Hello']);
    assert.equal(versions.json.DocumentVersions.length, 2);

    const reserved = await aws(f, ['create-document', '--name', 'AWS-Hello', '--content', `file://${file}`, '--document-format', 'YAML']);
    assert.ok(!reserved.ok && reserved.stderr.includes('ValidationException'), reserved.stderr);
    assert.ok((await aws(f, ['delete-document', '--name', 'Hello'])).ok);
    const gone = await aws(f, ['describe-document', '--name', 'Hello']);
    assert.ok(!gone.ok && gone.stderr.includes('InvalidDocument'), gone.stderr);
  });
});
