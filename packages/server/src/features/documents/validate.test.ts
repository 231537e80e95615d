import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseContent } from './content';
import { validateContent } from './validate';

/** Asserts the content is refused with `code` and a message matching `message`. */
function refused(type: string, content: unknown, code: string, message: RegExp): void {
  assert.throws(() => validateContent(type, content), (e: Error & { code?: string }) => {
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

const step = (over: Record<string, unknown> = {}) => ({ action: 'aws:runShellScript', name: 'run', inputs: { runCommand: ['echo hi'] }, ...over });
const cmd = (over: Record<string, unknown> = {}) => ({ schemaVersion: '2.2', description: 'd', mainSteps: [step()], ...over });

describe('document content validation', () => {
  it('accepts a Command 2.2 document and reads its facts', () => {
    const facts = validateContent('Command', cmd({ parameters: { who: { type: 'String', default: 'me' } }, mainSteps: [step({ inputs: { runCommand: ['echo {{ who }}'] } })] }));
    assert.equal(facts.schemaVersion, '2.2');
    assert.equal(facts.description, 'd');
    assert.deepEqual(facts.parameters, [{ name: 'who', type: 'String', default: 'me' }]);
    assert.deepEqual(facts.platformTypes, ['Linux', 'MacOS']);
  });

  it('names what is wrong in a Command 2.2 document', () => {
    refused('Command', cmd({ mainSteps: [] }), 'InvalidDocumentContent', /mainSteps: a non-empty list/);
    refused('Command', cmd({ mainSteps: [step(), step()] }), 'InvalidDocumentContent', /Step name "run" is used more than once/);
    refused('Command', cmd({ mainSteps: [step({ action: undefined })] }), 'InvalidDocumentContent', /Step "run" has no action/);
    refused('Command', cmd({ mainSteps: [step({ action: 'aws:fly' })] }), 'InvalidDocumentContent', /action "aws:fly" is not supported/);
    refused('Command', cmd({ mainSteps: [step({ inputs: undefined })] }), 'InvalidDocumentContent', /Step "run" has no inputs/);
    refused('Command', cmd({ mainSteps: [step({ inputs: {} })] }), 'InvalidDocumentContent', /needs inputs.runCommand/);
    refused('Command', cmd({ mainSteps: [step({ precondition: { StringEquals: ['platformType', 'Solaris'] } })] }), 'InvalidDocumentContent', /precondition must be/);
    refused('Command', cmd({ mainSteps: [step({ inputs: { runCommand: ['{{ nope }}'] } })] }), 'InvalidDocumentContent', /declares no parameter "nope"/);
    refused('Command', cmd({ parameters: { x: { type: 'Float' } } }), 'InvalidDocumentContent', /Parameter "x" has type "Float"/);
    refused('Command', { mainSteps: [step()] }, 'InvalidDocumentContent', /no schemaVersion/);
    refused('Command', cmd({ schemaVersion: '0.3' }), 'InvalidDocumentSchemaVersion', /0.3 is not supported for Command/);
  });

  it('a precondition narrows the platforms', () => {
    const facts = validateContent('Command', cmd({ mainSteps: [step({ precondition: { StringEquals: ['platformType', 'Linux'] } })] }));
    assert.deepEqual(facts.platformTypes, ['Linux']);
  });

  it('checks schema 1.2 runtimeConfig', () => {
    const ok = { schemaVersion: '1.2', runtimeConfig: { 'aws:runShellScript': { properties: [{ id: '0.aws:runShellScript', runCommand: ['ls'] }] } } };
    assert.equal(validateContent('Command', ok).schemaVersion, '1.2');
    refused('Command', { schemaVersion: '1.2' }, 'InvalidDocumentContent', /requires runtimeConfig/);
    refused('Command', { schemaVersion: '1.2', runtimeConfig: { 'aws:runShellScript': {} } }, 'InvalidDocumentContent', /needs properties/);
  });

  it('checks Automation 0.3 and Session 1.0 structurally', () => {
    assert.equal(validateContent('Automation', { schemaVersion: '0.3', mainSteps: [{ name: 'a', action: 'aws:sleep', inputs: {} }] }).schemaVersion, '0.3');
    refused('Automation', { schemaVersion: '0.3', mainSteps: [{ name: 'a', action: 'sleep' }] }, 'InvalidDocumentContent', /action of the form aws:/);
    refused('Automation', { schemaVersion: '2.2', mainSteps: [] }, 'InvalidDocumentSchemaVersion', /Automation/);
    assert.equal(validateContent('Session', { schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: {} }).schemaVersion, '1.0');
    refused('Session', { schemaVersion: '1.0', sessionType: 'Telnet' }, 'InvalidDocumentContent', /sessionType/);
  });

  it('YAML content: a 2.2 written bare is still schema 2.2; bad YAML is explained', () => {
    const parsed = parseContent('schemaVersion: 2.2\nmainSteps:\n  - action: aws:runShellScript\n    name: run\n    inputs:\n      runCommand: [uptime]\n', 'YAML');
    assert.equal(validateContent('Command', parsed).schemaVersion, '2.2');
    assert.throws(() => parseContent('schemaVersion: "2.2"\nmainSteps: [', 'YAML'), /not valid YAML/);
    assert.throws(() => parseContent('schemaVersion: "2.2"\n', 'JSON'), /set DocumentFormat to YAML/);
  });
});
