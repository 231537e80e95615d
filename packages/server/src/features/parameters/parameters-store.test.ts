import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../../test/databases';
import { setKmsSecrets } from '../../kms/index';
import { runParameterPolicies } from './policy-jobs';
import { testCaller } from './test-context';

const rejects = async (p: Promise<unknown>, code: string) => {
  await assert.rejects(p, (e: { code?: string }) => { assert.equal(e.code, code); return true; });
};

forEachDatabase('parameter store', (fixture) => {
  it('versions, selectors, labels and history', async () => {
    const ssm = testCaller(fixture.db);
    assert.deepEqual(await ssm.call('PutParameter', { Name: '/app/url', Value: 'v1', Type: 'String' }), { Version: 1, Tier: 'Standard' });
    await rejects(ssm.call('PutParameter', { Name: '/app/url', Value: 'v2', Type: 'String' }), 'ParameterAlreadyExists');
    assert.equal((await ssm.call('PutParameter', { Name: '/app/url', Value: 'v2', Overwrite: true })).Version, 2);
    await rejects(ssm.call('PutParameter', { Name: '/app/url', Value: 'v3', Type: 'StringList', Overwrite: true }), 'HierarchyTypeMismatchException');
    assert.equal((await ssm.call('GetParameter', { Name: '/app/url' })).Parameter.Value, 'v2');
    const v1 = (await ssm.call('GetParameter', { Name: '/app/url:1' })).Parameter;
    assert.equal(v1.Value, 'v1');
    assert.equal(v1.Selector, ':1');
    await rejects(ssm.call('GetParameter', { Name: '/app/url:9' }), 'ParameterVersionNotFound');
    await rejects(ssm.call('GetParameter', { Name: '/app/nope' }), 'ParameterNotFound');

    const labelled = await ssm.call('LabelParameterVersion', { Name: '/app/url', ParameterVersion: 1, Labels: ['prod', '1bad', 'awsx'] });
    assert.deepEqual(labelled, { InvalidLabels: ['1bad', 'awsx'], ParameterVersion: 1 });
    assert.equal((await ssm.call('GetParameter', { Name: '/app/url:prod' })).Parameter.Value, 'v1');
    // Moving the label to version 2 takes it off version 1.
    await ssm.call('LabelParameterVersion', { Name: '/app/url', Labels: ['prod'] });
    assert.equal((await ssm.call('GetParameter', { Name: '/app/url:prod' })).Parameter.Value, 'v2');
    const history = (await ssm.call('GetParameterHistory', { Name: '/app/url' })).Parameters;
    assert.deepEqual(history.map((h: any) => [h.Version, h.Labels]), [[1, []], [2, ['prod']]]);
    const ten = Array.from({ length: 10 }, (_, i) => `l${i}`);
    await rejects(ssm.call('LabelParameterVersion', { Name: '/app/url', ParameterVersion: 2, Labels: ten }), 'ParameterVersionLabelLimitExceeded');
    assert.deepEqual(await ssm.call('UnlabelParameterVersion', { Name: '/app/url', ParameterVersion: 2, Labels: ['prod', 'other'] }),
      { RemovedLabels: ['prod'], InvalidLabels: ['other'] });
  });

  it('keeps 100 versions, drops the oldest, refuses when the oldest carries a label', async () => {
    const ssm = testCaller(fixture.db);
    for (let i = 1; i <= 100; i++) await ssm.call('PutParameter', { Name: 'many', Value: `v${i}`, Type: 'String', Overwrite: true });
    await ssm.call('LabelParameterVersion', { Name: 'many', ParameterVersion: 1, Labels: ['keep'] });
    await rejects(ssm.call('PutParameter', { Name: 'many', Value: 'v101', Overwrite: true }), 'ParameterMaxVersionLimitExceeded');
    await ssm.call('LabelParameterVersion', { Name: 'many', ParameterVersion: 50, Labels: ['keep'] });
    assert.equal((await ssm.call('PutParameter', { Name: 'many', Value: 'v101', Overwrite: true })).Version, 101);
    await rejects(ssm.call('GetParameter', { Name: 'many:1' }), 'ParameterVersionNotFound');
    const first = await ssm.call('GetParameterHistory', { Name: 'many', MaxResults: 50 });
    assert.equal(first.Parameters[0].Version, 2);
    const second = await ssm.call('GetParameterHistory', { Name: 'many', MaxResults: 50, NextToken: first.NextToken });
    assert.equal(second.Parameters.at(-1).Version, 101);
    assert.equal(second.NextToken, undefined);
  });

  it('50 concurrent overwrites get versions 1..50 exactly once', async () => {
    const ssm = testCaller(fixture.db);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      ssm.call('PutParameter', { Name: '/race/x', Value: `w${i}`, Type: 'String', Overwrite: true })));
    assert.deepEqual(results.map((r) => r.Version).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('lists by path one level or recursively, with filters and stable paging', async () => {
    const ssm = testCaller(fixture.db);
    for (const name of ['/p/a', '/p/b', '/p/c/d', '/p/c/e/f', '/pq/z', '/p2']) {
      await ssm.call('PutParameter', { Name: name, Value: 'x', Type: name.endsWith('b') ? 'StringList' : 'String' });
    }
    const names = (r: any) => r.Parameters.map((p: any) => p.Name);
    assert.deepEqual(names(await ssm.call('GetParametersByPath', { Path: '/p' })), ['/p/a', '/p/b']);
    assert.deepEqual(names(await ssm.call('GetParametersByPath', { Path: '/p/', Recursive: true })), ['/p/a', '/p/b', '/p/c/d', '/p/c/e/f']);
    assert.deepEqual(names(await ssm.call('GetParametersByPath', { Path: '/p', Recursive: true, ParameterFilters: [{ Key: 'Type', Values: ['StringList'] }] })), ['/p/b']);
    await rejects(ssm.call('GetParametersByPath', { Path: '/p', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] }), 'InvalidFilterKey');
    // Paging: a write between pages neither repeats nor skips a row.
    const page1 = await ssm.call('GetParametersByPath', { Path: '/p', Recursive: true, MaxResults: 2 });
    await ssm.call('PutParameter', { Name: '/p/0first', Value: 'x', Type: 'String' });
    const page2 = await ssm.call('GetParametersByPath', { Path: '/p', Recursive: true, MaxResults: 2, NextToken: page1.NextToken });
    assert.deepEqual([...names(page1), ...names(page2)], ['/p/a', '/p/b', '/p/c/d', '/p/c/e/f']);
    await rejects(ssm.call('GetParametersByPath', { Path: '/p', NextToken: page1.NextToken + 'x' }), 'InvalidNextToken');
    await rejects(ssm.call('GetParametersByPath', { Path: '/other', NextToken: page1.NextToken }), 'InvalidNextToken');

    const described = await ssm.call('DescribeParameters', { ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/p/c'] }] });
    assert.deepEqual(names(described), ['/p/c/d', '/p/c/e/f']);
    const contains = await ssm.call('DescribeParameters', { ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: ['q/'] }] });
    assert.deepEqual(names(contains), ['/pq/z']);
    await rejects(ssm.call('DescribeParameters', { ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['String'] }] }), 'InvalidFilterOption');
    await rejects(ssm.call('DescribeParameters', { ParameterFilters: [{ Key: 'Type', Values: ['Number'] }] }), 'InvalidFilterValue');
  });

  it('tags: on create, filters, add/list/remove', async () => {
    const ssm = testCaller(fixture.db);
    await ssm.call('PutParameter', { Name: '/t/one', Value: 'x', Type: 'String', Tags: [{ Key: 'env', Value: 'prod' }] });
    await ssm.call('PutParameter', { Name: '/t/two', Value: 'x', Type: 'String' });
    await rejects(ssm.call('PutParameter', { Name: '/t/two', Value: 'y', Overwrite: true, Tags: [{ Key: 'a', Value: 'b' }] }), 'ValidationException');
    await ssm.call('AddTagsToResource', { ResourceType: 'Parameter', ResourceId: '/t/two', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'x' }] });
    const tagged = await ssm.call('DescribeParameters', { ParameterFilters: [{ Key: 'tag:env', Values: ['prod'] }] });
    assert.deepEqual(tagged.Parameters.map((p: any) => p.Name), ['/t/one']);
    await ssm.call('RemoveTagsFromResource', { ResourceType: 'Parameter', ResourceId: '/t/two', TagKeys: ['env'] });
    assert.deepEqual((await ssm.call('ListTagsForResource', { ResourceType: 'Parameter', ResourceId: '/t/two' })).TagList, [{ Key: 'team', Value: 'x' }]);
    await rejects(ssm.call('ListTagsForResource', { ResourceType: 'Parameter', ResourceId: '/t/none' }), 'InvalidResourceId');
  });

  it('SecureString: stored only as ciphertext, decrypted on request with kms:Decrypt', async () => {
    setKmsSecrets(fixture.secrets);
    const ssm = testCaller(fixture.db);
    const secret = 'pw-' + 'Zq9'.repeat(5);
    await ssm.call('PutParameter', { Name: '/s/pwd', Value: secret, Type: 'SecureString' });
    assert.ok(ssm.checks.some((c) => c.action === 'kms:Encrypt'));
    const raw = await ssm.call('GetParameter', { Name: '/s/pwd' });
    assert.notEqual(raw.Parameter.Value, secret);
    assert.ok(Buffer.from(raw.Parameter.Value, 'base64').length > secret.length);
    const clear = await ssm.call('GetParameter', { Name: '/s/pwd', WithDecryption: true });
    assert.equal(clear.Parameter.Value, secret);
    assert.ok(ssm.checks.some((c) => c.action === 'kms:Decrypt' && String(c.resources?.[0]).startsWith('arn:aws:kms:')));
    const rows = await fixture.db.selectFrom('parameter_versions').select('value').execute();
    assert.ok(rows.every((r) => !r.value.includes(secret)));
    assert.equal((await ssm.call('DescribeParameters', { ParameterFilters: [{ Key: 'Name', Values: ['/s/pwd'] }] })).Parameters[0].KeyId, 'alias/aws/ssm');
    await rejects(ssm.call('PutParameter', { Name: '/s/other', Value: 'x', Type: 'SecureString', KeyId: 'alias/nope' }), 'InvalidKeyId');
    // A ciphertext copied onto another parameter does not open there.
    await ssm.call('PutParameter', { Name: '/s/copy', Value: 'placeholder', Type: 'SecureString' });
    await fixture.db.updateTable('parameter_versions').set({ value: raw.Parameter.Value }).where('name', '=', '/s/copy').execute();
    await rejects(ssm.call('GetParameter', { Name: '/s/copy', WithDecryption: true }), 'InvalidKeyId');
  });

  it('policies: advanced only, expiration deletes, notifications fire once, events recorded', async () => {
    const ssm = testCaller(fixture.db);
    const soon = new Date(ssm.now.getTime() + 3 * 3_600_000).toISOString();
    const policies = JSON.stringify([
      { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: soon } },
      { Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: '5', Unit: 'Hours' } },
    ]);
    await rejects(ssm.call('PutParameter', { Name: '/pol/x', Value: 'x', Type: 'String', Tier: 'Standard', Policies: policies }), 'ValidationException');
    assert.equal((await ssm.call('PutParameter', { Name: '/pol/x', Value: 'x', Type: 'String', Tier: 'Intelligent-Tiering', Policies: policies })).Tier, 'Advanced');
    const logger = { info() {}, error() {} };
    const actions = (await fixture.db.selectFrom('events').select(['detail_type', 'detail']).where('detail_type', '=', 'Parameter Store Policy Action').execute()).length;
    assert.equal(await runParameterPolicies({ db: fixture.db, now: () => new Date(ssm.now.getTime() + 60_000), logger }), 1);
    assert.equal(await runParameterPolicies({ db: fixture.db, now: () => new Date(ssm.now.getTime() + 120_000), logger }), 0);
    const meta = (await ssm.call('DescribeParameters', { ParameterFilters: [{ Key: 'Name', Values: ['/pol/x'] }] })).Parameters[0];
    assert.deepEqual(meta.Policies.map((p: any) => [p.PolicyType, p.PolicyStatus]), [['Expiration', 'Pending'], ['ExpirationNotification', 'Finished']]);
    assert.equal(await runParameterPolicies({ db: fixture.db, now: () => new Date(ssm.now.getTime() + 4 * 3_600_000), logger }), 1);
    await rejects(ssm.call('GetParameter', { Name: '/pol/x' }), 'ParameterNotFound');
    const events = await fixture.db.selectFrom('events').select(['detail_type', 'detail']).where('resources', 'like', '%parameter/pol/x%').execute();
    const kinds = events.map((e) => `${e.detail_type}:${JSON.parse(e.detail).operation ?? JSON.parse(e.detail)['policy-type']}`);
    assert.deepEqual(kinds, ['Parameter Store Change:Create', 'Parameter Store Policy Action:ExpirationNotification', 'Parameter Store Policy Action:Expiration', 'Parameter Store Change:Delete']);
    assert.equal(actions, 0);
  });

  it('deletes one or many, answering the missing', async () => {
    const ssm = testCaller(fixture.db);
    await ssm.call('PutParameter', { Name: '/d/a', Value: 'x', Type: 'String' });
    await ssm.call('PutParameter', { Name: '/d/b', Value: 'x', Type: 'String' });
    await ssm.call('DeleteParameter', { Name: '/d/a' });
    await rejects(ssm.call('DeleteParameter', { Name: '/d/a' }), 'ParameterNotFound');
    assert.deepEqual(await ssm.call('DeleteParameters', { Names: ['/d/b', '/d/zz'] }), { DeletedParameters: ['/d/b'], InvalidParameters: ['/d/zz'] });
    assert.deepEqual(await ssm.call('GetParameters', { Names: ['/d/b', '/app/url'] }).then((r) => [r.Parameters.map((p: any) => p.Name), r.InvalidParameters]), [['/app/url'], ['/d/b']]);
  });
});
