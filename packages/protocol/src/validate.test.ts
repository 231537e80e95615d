import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtocolError } from './protocol-error';
import { validateInput } from './validate';

/** The ProtocolError a request raises, as `code: message`. */
function rejection(service: 'ssm' | 'kms' | 'iam' | 'sts', op: string, body: unknown, protocol?: 'json' | 'query'): string {
  try {
    validateInput(service, op, body, protocol ? { protocol } : {});
  } catch (e) {
    assert.ok(e instanceof ProtocolError, `expected ProtocolError, got ${String(e)}`);
    return `${e.code}: ${e.message}`;
  }
  assert.fail('the request was accepted');
}

const one = (m: string): string => `ValidationException: 1 validation error detected: ${m}`;

describe('validateInput: constraint violations read like AWS', () => {
  it('string too long', () => {
    const name = 'a'.repeat(2049);
    assert.equal(rejection('ssm', 'PutParameter', { Name: name, Value: 'v' }),
      one(`Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048`));
  });

  it('missing required member', () => {
    assert.equal(rejection('ssm', 'GetParameter', {}),
      one("Value null at 'name' failed to satisfy constraint: Member must not be null"));
  });

  it('enum', () => {
    assert.equal(rejection('ssm', 'PutParameter', { Name: 'n', Value: 'v', Type: 'Text' }),
      one("Value 'Text' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [String, StringList, SecureString]"));
  });

  it('pattern, at a member of a list of structures', () => {
    assert.equal(rejection('ssm', 'DescribeParameters', { ParameterFilters: [{ Key: 'Name' }, { Key: 'Colour' }] }),
      one("Value 'Colour' at 'parameterFilters.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType"));
  });

  it('number range', () => {
    assert.equal(rejection('ssm', 'DescribeParameters', { MaxResults: 51 }),
      one("Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50"));
    assert.equal(rejection('ssm', 'DescribeParameters', { MaxResults: 0 }),
      one("Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"));
  });

  it('several errors are joined with "; " and counted', () => {
    assert.equal(rejection('ssm', 'PutParameter', { Name: '', Type: 'Text' }),
      "ValidationException: 3 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value at 'value' failed to satisfy constraint: Member must not be null; " +
      "Value 'Text' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [String, StringList, SecureString]");
  });

  it('lists at most ten errors and counts only those', () => {
    const filters = Array.from({ length: 12 }, (_, i) => ({ Key: `Bad${i}` }));
    const message = rejection('ssm', 'DescribeParameters', { ParameterFilters: filters });
    assert.match(message, /^ValidationException: 10 validation errors detected: /);
    assert.equal(message.split('; ').length, 10);
    assert.match(message, /'parameterFilters\.10\.member\.key'/);
    assert.doesNotMatch(message, /parameterFilters\.11/);
  });

  it('scalar list elements are judged together, at the list, with every constraint of the element', () => {
    assert.equal(rejection('ssm', 'GetParameters', { Names: ['a', ''] }),
      one("Value '[a, ]' at 'names' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 2048, Member must have length greater than or equal to 1]"));
  });

  it('list and map sizes', () => {
    const names = Array.from({ length: 11 }, (_, i) => `p${i}`);
    assert.equal(rejection('ssm', 'GetParameters', { Names: names }),
      one(`Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10`));
    assert.equal(rejection('ssm', 'StartAutomationExecution', { DocumentName: 'AWS-Doc', Parameters: {} }),
      one("Value '{}' at 'parameters' failed to satisfy constraint: Member must have length greater than or equal to 1"));
  });

  it('map keys and map values are each reported once', () => {
    const key = 'k'.repeat(51);
    assert.equal(rejection('ssm', 'StartAutomationExecution', { DocumentName: 'AWS-Doc', Parameters: { [key]: ['v'], ok: ['v'] } }),
      one(`Value '{${key}=[v], ok=[v]}' at 'parameters' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 50, Member must have length greater than or equal to 1]`));
  });

  it('never echoes a sensitive value', () => {
    const secret = Buffer.alloc(4097, 7).toString('base64');
    const message = rejection('kms', 'Encrypt', { KeyId: 'alias/a', Plaintext: secret });
    assert.equal(message, one("Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"));
    assert.equal(rejection('ssm', 'PutParameter', { Name: 'n' }),
      one("Value at 'value' failed to satisfy constraint: Member must not be null"));
  });

  it('prints a blob as AWS does (the ByteBuffer that held it)', () => {
    assert.equal(rejection('kms', 'Decrypt', { CiphertextBlob: '' }),
      one("Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'ciphertextBlob' failed to satisfy constraint: Member must have length greater than or equal to 1"));
  });

  it('Query services answer ValidationError', () => {
    assert.equal(rejection('iam', 'CreateUser', { UserName: 'a b' }),
      "ValidationError: 1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  });
});

describe('validateInput: bodies and members of the wrong JSON type', () => {
  it('a body that is not JSON is a SerializationException without a message', () => {
    assert.equal(rejection('ssm', 'GetParameter', '{"Name": '), 'SerializationException: ');
    assert.equal(rejection('ssm', 'GetParameter', '"Name"'), 'SerializationException: ');
  });

  it('a top-level array', () => {
    assert.equal(rejection('ssm', 'GetParameter', '[]'), 'SerializationException: Start of list found where not expected');
  });

  it('members of the wrong type name the JSON token and the Java type', () => {
    assert.equal(rejection('ssm', 'GetParameter', { Name: 5 }), 'SerializationException: NUMBER_VALUE can not be converted to a String');
    assert.equal(rejection('ssm', 'GetParameter', { Name: 'n', WithDecryption: 'yes' }), 'SerializationException: STRING_VALUE can not be converted to a Boolean');
    assert.equal(rejection('ssm', 'DescribeParameters', { MaxResults: true }), 'SerializationException: TRUE_VALUE can not be converted to an Integer');
    assert.equal(rejection('ssm', 'GetParameter', { Name: { a: 1 } }), 'SerializationException: Start of structure or map found where not expected.');
    assert.equal(rejection('ssm', 'GetParameter', { Name: ['n'] }), 'SerializationException: Start of list found where not expected');
    assert.equal(rejection('ssm', 'GetParameters', { Names: 'n' }), 'SerializationException: Expected list or null');
    assert.equal(rejection('ssm', 'DescribeParameters', { ParameterFilters: ['Name'] }), 'SerializationException: Expected null');
  });

  it('an undecodable base64 blob', () => {
    assert.equal(rejection('kms', 'Encrypt', { KeyId: 'k', Plaintext: 'not base64!' }), 'SerializationException: ');
  });

  it('a body nested deeper than any real request is refused, not a stack overflow', () => {
    let agg: Record<string, unknown> = { Expression: 'AWS:Application.Name' };
    for (let i = 0; i < 5000; i++) agg = { Expression: 'AWS:Application.Name', Aggregators: [agg] };
    assert.equal(rejection('ssm', 'GetInventory', { Aggregators: [agg] }), 'SerializationException: ');
  });

  it('an unknown operation', () => {
    assert.equal(rejection('ssm', 'PutParameters', {}), 'UnknownOperationException: ');
    assert.equal(rejection('iam', 'MakeUser', {}), 'InvalidAction: Could not find operation MakeUser for version 2010-05-08');
  });
});

describe('validateInput: accepted requests', () => {
  it('an empty body is {}', () => {
    assert.deepEqual(validateInput('ssm', 'DescribeParameters', ''), {});
    assert.deepEqual(validateInput('ssm', 'DescribeParameters', undefined), {});
  });

  it('ignores members the model does not know and treats null as absent', () => {
    assert.deepEqual(validateInput('ssm', 'GetParameter', '{"Name":"n","Colour":"red","WithDecryption":null}'), { Name: 'n' });
    assert.deepEqual(validateInput('ssm', 'GetParameters', { Names: ['a', null, 'b'] }), { Names: ['a', 'b'] });
  });

  it('turns epoch seconds into Date and base64 into bytes', () => {
    const out = validateInput('kms', 'Encrypt', { KeyId: 'k', Plaintext: Buffer.from('hello').toString('base64') }) as { Plaintext: Uint8Array };
    assert.ok(out.Plaintext instanceof Uint8Array);
    assert.equal(Buffer.from(out.Plaintext).toString(), 'hello');
    const win = validateInput('ssm', 'StartChangeRequestExecution', {
      DocumentName: 'AWS-Doc', Runbooks: [{ DocumentName: 'AWS-Runbook' }], ScheduledTime: 1700000000.5,
    }) as { ScheduledTime: Date };
    assert.equal(win.ScheduledTime.toISOString(), '2023-11-14T22:13:20.500Z');
  });

  it('truncates a fraction sent for an integer, as AWS does', () => {
    assert.deepEqual(validateInput('ssm', 'DescribeParameters', { MaxResults: 7.9 }), { MaxResults: 7 });
  });

  it('accepts values a Query form reader has already typed (Date, Buffer)', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const out = validateInput('iam', 'UploadSSHPublicKey', { UserName: 'alice', SSHPublicKeyBody: 'ssh-rsa AAAA' }) as object;
    assert.deepEqual(out, { UserName: 'alice', SSHPublicKeyBody: 'ssh-rsa AAAA' });
    const sts = validateInput('sts', 'DecodeAuthorizationMessage', { EncodedMessage: 'abc' }) as object;
    assert.deepEqual(sts, { EncodedMessage: 'abc' });
    const kms = validateInput('kms', 'ImportKeyMaterial', {
      KeyId: 'k', ImportToken: Buffer.from('t'), EncryptedKeyMaterial: new Uint8Array([1]), ValidTo: at,
    }) as { ValidTo: Date; ImportToken: Uint8Array };
    assert.equal(kms.ValidTo, at);
    assert.equal(Buffer.from(kms.ImportToken).toString(), 't');
  });

  it('Query services: numbers and booleans arrive as text', () => {
    assert.deepEqual(validateInput('iam', 'ListUsers', { MaxItems: '5', PathPrefix: '/' }), { PathPrefix: '/', MaxItems: 5 });
    assert.equal(rejection('iam', 'ListUsers', { MaxItems: '1001' }),
      "ValidationError: 1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000");
  });
});
