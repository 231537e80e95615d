import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../server/test/server-harness';
import { emitEvent } from '../../../server/src/events/index';
import { startReceiver, waitFor, type Receiver } from '../../../server/src/events/test-receiver';
import { bosunBin, sandbox } from '../../test/processes';

/** Runs the real `bosun` CLI; resolves with its exit code and output. */
function bosun(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bosunBin, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('bosun events (the CLI, signed with an AWS profile)', () => {
  let t: TestServer;
  let hook: Receiver;
  const box = sandbox();
  before(async () => {
    t = await startTestServer();
    hook = await startReceiver();
    fs.mkdirSync(path.join(box.dir, '.aws'), { recursive: true });
    fs.writeFileSync(box.env.AWS_SHARED_CREDENTIALS_FILE!, `[bosun]\naws_access_key_id = ${t.admin.accessKeyId}\naws_secret_access_key = ${t.admin.secretAccessKey}\n`);
    fs.writeFileSync(box.env.AWS_CONFIG_FILE!, `[profile bosun]\nregion = us-east-1\nendpoint_url = ${t.url}\n`);
  });
  after(async () => {
    await hook.close();
    await t.close();
    box.cleanup();
  });

  it('subscribes, lists, shows the log, tests and unsubscribes', async () => {
    const sub = await bosun(['events', 'subscribe', '--name', 'cli-hook', '--url', hook.url, '--source', 'aws.ssm'], box.env);
    assert.equal(sub.code, 0, sub.err);
    assert.match(sub.out, new RegExp(`subscribed: arn:aws:bosun:us-east-1:${t.admin.accountId}:event-subscription/cli-hook`));
    assert.match(sub.out, /signing secret .*: whsec_/);

    await emitEvent(t.server.context.db, { accountId: t.admin.accountId, region: 'us-east-1', source: 'aws.ssm', detailType: 'Parameter Store Change', resources: ['arn:aws:ssm:us-east-1:1:parameter/cli'], detail: {} });
    await waitFor(() => hook.received.length >= 1, 8000, 'the delivery');

    const list = await bosun(['events', 'list'], box.env);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /^NAME\s+ENABLED\s+URL/m);
    assert.match(list.out, /^cli-hook\s+yes\s+http:\/\/127\.0\.0\.1/m);

    const log = await bosun(['events', 'log', '--source', 'aws.ssm'], box.env);
    assert.equal(log.code, 0, log.err);
    assert.match(log.out, /aws\.ssm\s+Parameter Store Change\s+arn:aws:ssm:us-east-1:1:parameter\/cli/);
    const json = await bosun(['events', 'log', '--json', '--max', '1'], box.env);
    assert.equal(JSON.parse(json.out.trim())['detail-type'], 'Parameter Store Change');

    const test = await bosun(['events', 'test', '--name', 'cli-hook'], box.env);
    assert.equal(test.code, 0, test.err);
    assert.match(test.out, /delivered \(HTTP 200\)/);

    assert.equal((await bosun(['events', 'unsubscribe', '--name', 'cli-hook'], box.env)).code, 0);
    const again = await bosun(['events', 'unsubscribe', '--name', 'cli-hook'], box.env);
    assert.notEqual(again.code, 0);
    assert.match(again.err, /ResourceNotFoundException: Event subscription cli-hook does not exist\./);
  });

  it('says which profile has no credentials', async () => {
    const res = await bosun(['events', 'list', '--profile', 'nobody'], box.env);
    assert.notEqual(res.code, 0);
    assert.match(res.err, /no credentials for profile nobody/);
  });
});
