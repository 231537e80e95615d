import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachServer } from './test-servers';
import { awsSsm as aws } from '../../../test/aws-cli';

forEachServer('parameters through the aws CLI', (f) => {
  it('put-parameter, get-parameter(s), by-path with paging, history, labels, describe, delete', async () => {
    assert.equal((await aws(f, ['put-parameter', '--name', '/cli/a', '--value', 'one', '--type', 'String'])).json.Version, 1);
    assert.equal((await aws(f, ['put-parameter', '--name', '/cli/a', '--value', 'two', '--overwrite'])).json.Version, 2);
    await aws(f, ['put-parameter', '--name', '/cli/b/c', '--value', 'x,y', '--type', 'StringList']);
    await aws(f, ['put-parameter', '--name', '/cli/s', '--value', 'cli-secret', '--type', 'SecureString']);
    const got = await aws(f, ['get-parameter', '--name', '/cli/s', '--with-decryption']);
    assert.equal(got.json.Parameter.Value, 'cli-secret');
    const dup = await aws(f, ['put-parameter', '--name', '/cli/a', '--value', 'x', '--type', 'String']);
    assert.ok(!dup.ok && dup.stderr.includes('ParameterAlreadyExists'), dup.stderr);
    const missing = await aws(f, ['get-parameter', '--name', '/cli/none']);
    assert.ok(!missing.ok && missing.stderr.includes('ParameterNotFound'), missing.stderr);
    // The CLI follows NextToken itself: page size 1 still returns every parameter once.
    const byPath = await aws(f, ['get-parameters-by-path', '--path', '/cli', '--recursive', '--page-size', '1']);
    assert.deepEqual(byPath.json.Parameters.map((p: any) => p.Name), ['/cli/a', '/cli/b/c', '/cli/s']);
    await aws(f, ['label-parameter-version', '--name', '/cli/a', '--parameter-version', '1', '--labels', 'first']);
    assert.equal((await aws(f, ['get-parameter', '--name', '/cli/a:first'])).json.Parameter.Value, 'one');
    const history = await aws(f, ['get-parameter-history', '--name', '/cli/a']);
    assert.deepEqual(history.json.Parameters.map((h: any) => h.Value), ['one', 'two']);
    const described = await aws(f, ['describe-parameters', '--parameter-filters', 'Key=Type,Values=SecureString']);
    assert.deepEqual(described.json.Parameters.map((p: any) => [p.Name, p.KeyId]), [['/cli/s', 'alias/aws/ssm']]);
    const many = await aws(f, ['get-parameters', '--names', '/cli/a', '/cli/zz']);
    assert.deepEqual(many.json.InvalidParameters, ['/cli/zz']);
    await aws(f, ['delete-parameter', '--name', '/cli/a']);
    const deleted = await aws(f, ['delete-parameters', '--names', '/cli/b/c', '/cli/a']);
    assert.deepEqual([deleted.json.DeletedParameters, deleted.json.InvalidParameters], [['/cli/b/c'], ['/cli/a']]);
  });
});
