/**
 * The newcomer's path, end to end with real processes: `bosun up` on an empty data directory,
 * then Debian's AWS CLI with the profile it wrote. Covers the foundation issue's first check.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { aws, bosun, sandbox, startBosun, type BosunProcess } from './processes';

describe('bosun up on a fresh machine, then the aws CLI', () => {
  const box = sandbox();
  let running: BosunProcess;
  const as = (args: string[], env = box.env) => aws(['--profile', 'bosun', '--endpoint-url', running.url, ...args], env);

  before(async () => {
    running = await startBosun(['up', '--data-dir', box.dataDir, '--port', '0'], box.env);
  });
  after(async () => {
    await running?.stop();
    box.cleanup();
  });

  it('writes the bosun profile with mode 0600 and says the key is not shown again', () => {
    const file = box.env.AWS_SHARED_CREDENTIALS_FILE!;
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.match(fs.readFileSync(file, 'utf8'), /\[bosun\]\naws_access_key_id = AKIA[A-Z0-9]{16}\naws_secret_access_key = \S{40}\n/);
    assert.match(running.stderr(), /Created account \d{12} with admin user arn:aws:iam::\d{12}:user\/admin/);
  });

  it('answers sts get-caller-identity with the admin ARN', () => {
    const r = as(['sts', 'get-caller-identity']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.json.Arn, /^arn:aws:iam::\d{12}:user\/admin$/);
    assert.match(r.json.Account, /^\d{12}$/);
    assert.match(r.json.UserId, /^AIDA[A-Z0-9]{17}$/);
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${running.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.DescribeParameters' },
      body: '{}',
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { __type: string };
    assert.match(body.__type, /MissingAuthenticationTokenException$/);
    assert.ok(res.headers.get('x-amzn-requestid'));
  });

  it('shows this machine as a managed node, Online, registered by bosun up', async () => {
    let node: any;
    for (let i = 0; i < 40 && node?.PingStatus !== 'Online'; i++) {
      const r = as(['ssm', 'describe-instance-information']);
      assert.equal(r.status, 0, r.stderr);
      node = r.json.InstanceInformationList[0];
      if (node?.PingStatus !== 'Online') await new Promise((res) => setTimeout(res, 250));
    }
    assert.equal(node?.PingStatus, 'Online', JSON.stringify(node));
    assert.match(node.InstanceId, /^mi-[0-9a-f]{17}$/);
    assert.equal(node.ComputerName, os.hostname());
    assert.equal(node.PlatformType, 'Linux');
    assert.equal(node.ResourceType, 'ManagedInstance');
    assert.match(running.stderr(), /CA fingerprint \(for bosun-agent register --ca-fingerprint\): [0-9A-F:]{95}/);
  });

  it('serves health and Prometheus metrics that count the calls made', async () => {
    const health = await (await fetch(`${running.url}/health`)).json();
    assert.equal((health as { status: string }).status, 'ok');
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    assert.match(metrics, /bosun_api_requests_total\{service="sts",operation="GetCallerIdentity",outcome="ok"\} [1-9]/);
  });

  it('lets the admin create a user whose policy allows reading IAM but not writing it', () => {
    assert.equal(as(['iam', 'create-user', '--user-name', 'bob']).status, 0);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
    });
    const put = as(['iam', 'put-user-policy', '--user-name', 'bob', '--policy-name', 'read-iam', '--policy-document', policy]);
    assert.equal(put.status, 0, put.stderr);
    const key = as(['iam', 'create-access-key', '--user-name', 'bob']);
    assert.equal(key.status, 0, key.stderr);
    const bobEnv = {
      ...box.env,
      AWS_ACCESS_KEY_ID: key.json.AccessKey.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: key.json.AccessKey.SecretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
    };
    const asBob = (args: string[]) => aws(['--endpoint-url', running.url, ...args], bobEnv);

    const who = asBob(['sts', 'get-caller-identity']);
    assert.match(who.json.Arn, /:user\/bob$/);
    const list = asBob(['iam', 'list-users']);
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(list.json.Users.map((u: { UserName: string }) => u.UserName).sort(), ['admin', 'bob']);

    const denied = asBob(['iam', 'create-user', '--user-name', 'mallory']);
    assert.notEqual(denied.status, 0);
    assert.match(denied.stderr, /AccessDenied/);
    assert.match(denied.stderr, /User: arn:aws:iam::\d{12}:user\/bob is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::\d{12}:user\/mallory/);

    const ssm = asBob(['ssm', 'describe-parameters']);
    assert.notEqual(ssm.status, 0);
    assert.match(ssm.stderr, /AccessDeniedException/);
  });

  it('records allowed and denied calls, readable with aws cloudtrail lookup-events', () => {
    const r = as(['cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=Username,AttributeValue=bob']);
    assert.equal(r.status, 0, r.stderr);
    const events = r.json.Events.map((e: { CloudTrailEvent: string }) => JSON.parse(e.CloudTrailEvent));
    const denied = events.find((e: any) => e.eventName === 'CreateUser');
    assert.ok(denied, 'the denied CreateUser is in the log');
    assert.equal(denied.errorCode, 'AccessDenied');
    assert.equal(denied.eventSource, 'iam.amazonaws.com');
    assert.match(denied.userIdentity.arn, /:user\/bob$/);
    assert.ok(events.some((e: any) => e.eventName === 'ListUsers' && !e.errorCode));
  });

  it('never writes a secret access key into the audit log', () => {
    const secret = /aws_secret_access_key = (\S+)/.exec(fs.readFileSync(box.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8'))![1];
    const db = new Database(path.join(box.dataDir, 'bosun.db'), { readonly: true });
    try {
      // The stored log and the journal the server writes each record to first (audit/journal.ts).
      const journal = path.join(box.dataDir, 'audit-journal');
      const rows = JSON.stringify(db.prepare('SELECT * FROM audit_events').all())
        + fs.readdirSync(journal).map((name) => fs.readFileSync(path.join(journal, name), 'utf8')).join('');
      assert.ok(rows.includes('CreateAccessKey'));
      assert.ok(!rows.includes(secret));
      assert.doesNotMatch(rows, /"SecretAccessKey":"[^"H]/);
    } finally {
      db.close();
    }
  });

  it('keeps everything across a restart and does not initialise twice', async () => {
    const before = as(['ssm', 'describe-instance-information']).json.InstanceInformationList.map((n: any) => n.InstanceId);
    const port = new URL(running.url).port;
    await running.stop();
    running = await startBosun(['up', '--data-dir', box.dataDir, '--port', port], box.env);
    assert.match(running.stderr(), /already initialised/);
    const r = as(['iam', 'list-users']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.json.Users.length, 2);
    // The same node comes back Online under the same id: its registration was kept.
    let nodes: any[] = [];
    for (let i = 0; i < 40; i++) {
      nodes = as(['ssm', 'describe-instance-information']).json.InstanceInformationList;
      if (nodes.some((n) => n.PingStatus === 'Online')) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    assert.deepEqual(nodes.filter((n) => n.PingStatus === 'Online').map((n) => n.InstanceId), before, JSON.stringify(nodes));
  });

  it('bosun audit verify passes, then detects an edited record', async () => {
    const ok = bosun(['audit', 'verify', '--data-dir', box.dataDir], box.env);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /intact: \d+ records verified/);

    const db = new Database(path.join(box.dataDir, 'bosun.db'));
    try {
      db.prepare("UPDATE audit_events SET event_name = 'DeleteUser' WHERE event_name = 'CreateUser' AND error_code IS NOT NULL").run();
    } finally {
      db.close();
    }
    const bad = bosun(['audit', 'verify', '--data-dir', box.dataDir], box.env);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /TAMPERED/);
  });
});
