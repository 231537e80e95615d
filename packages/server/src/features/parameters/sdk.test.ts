import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import {
  DeleteParameterCommand, DescribeParametersCommand, GetParameterCommand, GetParameterHistoryCommand, GetParametersByPathCommand,
  GetParametersCommand, LabelParameterVersionCommand, PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { forEachServer } from './test-servers';
import { auditIndexed } from '../../audit/index';
import { auditJournalText } from '../../../test/server-harness';

const failsWith = async (p: Promise<unknown>, name: string) => {
  await assert.rejects(p, (e: Error) => { assert.equal(e.name, name, e.message); return true; });
};

forEachServer('parameters through @aws-sdk/client-ssm', (f) => {
  it('puts, reads by version and label, answers AWS errors', async () => {
    const ssm = f.client();
    assert.deepEqual((await ssm.send(new PutParameterCommand({ Name: '/app/url', Value: 'https://a', Type: 'String', Description: 'the url' }))).Version, 1);
    await ssm.send(new PutParameterCommand({ Name: '/app/url', Value: 'https://b', Overwrite: true }));
    await ssm.send(new LabelParameterVersionCommand({ Name: '/app/url', ParameterVersion: 1, Labels: ['old'] }));
    const got = (await ssm.send(new GetParameterCommand({ Name: '/app/url:old' }))).Parameter!;
    assert.equal(got.Value, 'https://a');
    assert.equal(got.ARN, `arn:aws:ssm:us-east-1:${f.accountId}:parameter/app/url`);
    assert.ok(got.LastModifiedDate instanceof Date);
    const many = await ssm.send(new GetParametersCommand({ Names: ['/app/url', '/app/missing'] }));
    assert.deepEqual([many.Parameters!.map((p) => p.Value), many.InvalidParameters], [['https://b'], ['/app/missing']]);
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/app/url' }));
    assert.deepEqual(history.Parameters!.map((h) => h.Labels), [['old'], []]);
    const meta = (await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/app/url'] }] }))).Parameters![0];
    assert.equal(meta.Description, 'the url');
    assert.match(meta.LastModifiedUser!, new RegExp(`^arn:aws:iam::${f.accountId}:user/`));
    await failsWith(ssm.send(new GetParameterCommand({ Name: '/app/missing' })), 'ParameterNotFound');
    await failsWith(ssm.send(new PutParameterCommand({ Name: '/app/url', Value: 'x', Type: 'String' })), 'ParameterAlreadyExists');
    await failsWith(ssm.send(new PutParameterCommand({ Name: 'bad name', Value: 'x', Type: 'String' })), 'ValidationException');
    await failsWith(ssm.send(new PutParameterCommand({ Name: '/ssm/x', Value: 'x', Type: 'String' })), 'ValidationException');
    await failsWith(ssm.send(new PutParameterCommand({ Name: '/p/x', Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' })), 'ParameterPatternMismatchException');
    await failsWith(ssm.send(new PutParameterCommand({ Name: '/p/big', Value: 'x'.repeat(4097), Type: 'String' })), 'ValidationException');
    assert.equal((await ssm.send(new PutParameterCommand({ Name: '/p/big', Value: 'x'.repeat(4097), Type: 'String', Tier: 'Intelligent-Tiering' }))).Tier, 'Advanced');
    await failsWith(ssm.send(new PutParameterCommand({ Name: '/p/big', Value: 'x', Tier: 'Standard', Overwrite: true })), 'ValidationException');
    await failsWith(ssm.send(new PutParameterCommand({ Name: '/' + Array.from({ length: 16 }, () => 'l').join('/'), Value: 'x', Type: 'String' })), 'HierarchyLevelLimitExceededException');
    await ssm.send(new DeleteParameterCommand({ Name: '/app/url' }));
    await failsWith(ssm.send(new DeleteParameterCommand({ Name: '/app/url' })), 'ParameterNotFound');
  });

  it('50 concurrent overwrites over HTTP get versions 1..50 exactly once', async () => {
    const ssm = f.client();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      ssm.send(new PutParameterCommand({ Name: '/race/one', Value: `value-${i}`, Type: 'String', Overwrite: true }))));
    assert.deepEqual(results.map((r) => r.Version!).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/race/one', MaxResults: 50 }));
    assert.equal(new Set(history.Parameters!.map((h) => h.Value)).size, 50);
  });

  it('path-scoped IAM, ssm:Recursive, ssm:Overwrite, tag conditions and kms:Decrypt', async () => {
    const admin = f.client();
    for (const name of ['/dept/app/db/pwd', '/dept/other/x']) {
      await admin.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String' }));
    }
    await admin.send(new PutParameterCommand({ Name: '/dept/app/tagged', Value: 'v', Type: 'String', Tags: [{ Key: 'team', Value: 'blue' }] }));
    await admin.send(new PutParameterCommand({ Name: '/dept/other/red', Value: 'v', Type: 'String', Tags: [{ Key: 'team', Value: 'red' }] }));
    await admin.send(new PutParameterCommand({ Name: '/dept/app/secret', Value: 'hush', Type: 'SecureString' }));
    const arn = (p: string) => `arn:aws:ssm:us-east-1:${f.accountId}:parameter/${p}`;
    const reader = f.client(await f.userWithPolicy(`reader-${f.kind}`, {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: arn('dept/app/*') },
        { Effect: 'Allow', Action: 'ssm:GetParametersByPath', Resource: arn('dept'), Condition: { StringEquals: { 'ssm:Recursive': 'false' } } },
        { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: arn('*'), Condition: { StringEquals: { 'aws:ResourceTag/team': 'red' } } },
        { Effect: 'Allow', Action: 'ssm:PutParameter', Resource: arn('dept/app/*'), Condition: { StringEquals: { 'ssm:Overwrite': 'false' } } },
      ],
    }));
    assert.equal((await reader.send(new GetParameterCommand({ Name: '/dept/app/db/pwd' }))).Parameter!.Value, 'v');
    await failsWith(reader.send(new GetParameterCommand({ Name: '/dept/other/x' })), 'AccessDeniedException');
    assert.equal((await reader.send(new GetParameterCommand({ Name: '/dept/other/red' }))).Parameter!.Value, 'v');
    await reader.send(new GetParametersByPathCommand({ Path: '/dept' }));
    await failsWith(reader.send(new GetParametersByPathCommand({ Path: '/dept', Recursive: true })), 'AccessDeniedException');
    await reader.send(new PutParameterCommand({ Name: '/dept/app/new', Value: 'v', Type: 'String' }));
    await failsWith(reader.send(new PutParameterCommand({ Name: '/dept/app/new', Value: 'w', Overwrite: true })), 'AccessDeniedException');
    // The ciphertext is readable; the clear value needs kms:Decrypt on the key.
    assert.notEqual((await reader.send(new GetParameterCommand({ Name: '/dept/app/secret' }))).Parameter!.Value, 'hush');
    await failsWith(reader.send(new GetParameterCommand({ Name: '/dept/app/secret', WithDecryption: true })), 'AccessDeniedException');
    assert.equal((await admin.send(new GetParameterCommand({ Name: '/dept/app/secret', WithDecryption: true }))).Parameter!.Value, 'hush');
  });

  it('a SecureString value never reaches the database, the audit log or the logs in clear', async () => {
    const ssm = f.client();
    const secret = `Plain-${Date.now()}-Kx7`;
    await ssm.send(new PutParameterCommand({ Name: '/scan/pwd', Value: secret, Type: 'SecureString' }));
    await ssm.send(new PutParameterCommand({ Name: '/scan/pwd', Value: secret + '2', Overwrite: true }));
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/scan/pwd', WithDecryption: true }))).Parameter!.Value, secret + '2');
    // Failing calls that carry the value: pattern mismatch, oversized, duplicate.
    await failsWith(ssm.send(new PutParameterCommand({ Name: '/scan/p2', Value: secret, Type: 'SecureString', AllowedPattern: '^\\d+$' })), 'ParameterPatternMismatchException');
    await failsWith(ssm.send(new PutParameterCommand({ Name: '/scan/pwd', Value: secret, Type: 'SecureString' })), 'ParameterAlreadyExists');
    await auditIndexed(f.server.context.db);
    const audit = await f.server.context.db.selectFrom('audit_events').selectAll().execute();
    assert.ok(audit.some((a) => a.event_name === 'PutParameter'));
    for (const row of audit) assert.ok(!JSON.stringify(row).includes(secret), `audit row ${row.seq} holds the secret`);
    assert.ok(!auditJournalText(f.server.config.dataDir).includes(secret), 'the audit journal holds the secret');
    assert.ok(f.logs.length > 0);
    assert.ok(!f.logs.join('').includes(secret), 'the log holds the secret');
    const events = await f.server.context.db.selectFrom('events').selectAll().execute();
    assert.ok(!JSON.stringify(events).includes(secret));
    if (f.kind === 'sqlite') {
      for (const file of fs.readdirSync(f.dataDir).filter((n) => n.startsWith('bosun.db'))) {
        assert.ok(!fs.readFileSync(path.join(f.dataDir, file)).includes(Buffer.from(secret)), `${file} holds the secret`);
      }
    } else {
      const versions = await f.server.context.db.selectFrom('parameter_versions').select('value').execute();
      assert.ok(versions.every((v) => !v.value.includes(secret)));
    }
  });
});
