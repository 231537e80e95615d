/**
 * The console in a real browser (Debian's Chromium through playwright-core) against `bosun up`
 * — a real server and a real agent for this machine — as an operator would use it: sign in with
 * the password `bosun up` printed, see the node Online, run a command and read its output, keep
 * a SecureString hidden until decrypted, and see a user without rights get AWS's denial.
 * Screenshots of every page go to test-artifacts/console/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DescribeInstanceInformationCommand, GetServiceSettingCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AttachUserPolicyCommand, CreateLoginProfileCommand, CreateUserCommand, GetLoginProfileCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { sandbox, startBosun, type BosunProcess } from '../../cli/test/processes';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const artifacts = path.join(root, 'test-artifacts', 'console');
const CHROMIUM = process.env.BOSUN_TEST_CHROMIUM ?? '/usr/bin/chromium';
const skip = fs.existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

describe('web console in Chromium against bosun up', { skip }, () => {
  const box = sandbox();
  let running: BosunProcess;
  let browser: Browser;
  let page: Page;
  let password: string;
  let nodeId: string;
  let admin: { ssm: SSMClient; iam: IAMClient };
  const shot = (name: string, p: Page = page) => p.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

  before(async () => {
    const built = spawnSync(process.execPath, [path.join(root, 'packages/web/scripts/build.mjs'), '--if-stale', '--quiet'], { stdio: 'inherit' });
    assert.equal(built.status, 0, 'the console builds');
    fs.mkdirSync(artifacts, { recursive: true });
    running = await startBosun(['up', '--data-dir', box.dataDir, '--port', '0'], box.env);
    const printed = await waitFor('the console line', async () => /Console: \S+\/console\/\s+user admin, password (\S+)/.exec(running.stderr()));
    password = printed[1];
    admin = adminClients(box.env.AWS_SHARED_CREDENTIALS_FILE!, running.url);
    // The local node is Online before the browser looks (the agent needs a moment to connect).
    nodeId = await waitFor('the local node Online', async () => {
      const r = await admin.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Online'] }] }));
      return r.InstanceInformationList?.[0]?.InstanceId;
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
    box.cleanup();
  });

  it('prints the console URL and a one-time admin password that signs in', async () => {
    assert.match(running.stderr(), new RegExp(`Console: ${running.url}/console/`));
    assert.match(password, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    await page.goto(`${running.url}/console/`);
    await page.locator('form.sign-in').waitFor();
    await shot('sign-in');
    await signIn(page, 'admin', 'wrong-password-1');
    await page.getByText('Your authentication information is incorrect').waitFor();
    await signIn(page, 'admin', password);
    await page.getByRole('heading', { name: 'Managed nodes' }).waitFor();
  });

  it('shows the local node Online with its platform, IP and agent version', async () => {
    const row = page.locator(`tr[data-node="${nodeId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Online/);
    assert.match(text, /\d+\.\d+\.\d+\.\d+/);
    assert.match(text, /0\.1\.0/);
    await shot('nodes');
  });

  it('runs echo hello-from-console on the node and shows the output', async () => {
    await page.goto(`${running.url}/console/#/run`);
    await page.locator('textarea[name="param-commands"]').fill('echo hello-from-console');
    await page.locator(`input[name="instance"][value="${nodeId}"]`).check();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(/#\/run\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="command-status"]', { hasText: 'Success' }).waitFor({ timeout: 30_000 });
    const output = await page.locator(`article[data-instance="${nodeId}"] pre.output`).first().innerText();
    assert.equal(output.trim(), 'hello-from-console');
    await shot('run-command');
  });

  it('creates a SecureString, shows it hidden, then decrypted', async () => {
    await page.goto(`${running.url}/console/#/parameters/new`);
    await page.locator('input[name="name"]').fill('/console-test/db-password');
    await page.locator('input[name="type"][value="SecureString"]').check();
    await page.locator('textarea[name="value"]').fill('S3cret-from-the-console');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const value = page.locator('[data-testid="parameter-value"]');
    await value.waitFor();
    assert.equal((await value.innerText()).trim(), '••••••••');
    assert.ok(!(await page.content()).includes('S3cret-from-the-console'), 'the value is nowhere in the page');
    await shot('parameters-hidden');
    await page.getByRole('button', { name: 'Decrypt' }).click();
    await page.locator('[data-testid="parameter-value"]', { hasText: 'S3cret-from-the-console' }).waitFor();
    await shot('parameters');
  });

  it('changes the default parameter tier in the Parameter Store settings, and resets it', async () => {
    const tier = async () => (await admin.ssm.send(new GetServiceSettingCommand({ SettingId: '/ssm/parameter-store/default-parameter-tier' }))).ServiceSetting!;
    await page.goto(`${running.url}/console/#/parameters`);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Parameter Store settings' }).waitFor();
    await page.locator('select[name="default-tier"]').selectOption('Advanced');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('[data-testid="setting-state"]', { hasText: 'Changed by' }).first().waitFor();
    assert.deepEqual([(await tier()).SettingValue, (await tier()).Status], ['Advanced', 'Customized']);
    // What the setting is for: a parameter put without a tier is now Advanced.
    assert.equal((await admin.ssm.send(new PutParameterCommand({ Name: '/console-test/tiered', Value: 'x', Type: 'String' }))).Tier, 'Advanced');
    await shot('parameter-settings');
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await page.locator('[data-testid="setting-state"]', { hasText: 'Changed by' }).first().waitFor({ state: 'detached' });
    assert.equal((await tier()).Status, 'Default');
    assert.equal(await page.locator('select[name="default-tier"]').inputValue(), 'Standard');
  });

  it('shows a document in the editor and its versions', async () => {
    await page.goto(`${running.url}/console/#/documents`);
    await page.getByRole('link', { name: 'AWS-RunShellScript' }).click();
    await page.locator('[data-testid="code-editor"] .cm-content', { hasText: 'runShellScript' }).waitFor();
    await shot('documents');
  });

  it('lists the calls just made in the audit log, sign-in included', async () => {
    await page.goto(`${running.url}/console/#/audit`);
    await page.locator('table.audit td', { hasText: 'SendCommand' }).first().waitFor();
    await page.locator('table.audit td', { hasText: 'ConsoleLogin' }).first().waitFor();
    await page.locator('input[aria-label="Operation"]').fill('PutParameter');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.audit tbody tr td:nth-child(3)', { hasNotText: 'PutParameter' }).first().waitFor({ state: 'detached' });
    assert.ok((await page.locator('table.audit tbody tr td:nth-child(3)').allInnerTexts()).every((t) => t === 'PutParameter'));
    await shot('audit');
  });

  it('opens a shell on the node in the browser, runs echo $((6*7)) and sees 42', { skip: sessionsSkip() }, async () => {
    await page.goto(`${running.url}/console/#/sessions?target=${nodeId}`);
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.locator('[data-testid="session-phase"]', { hasText: 'connected' }).waitFor({ timeout: 30_000 });
    // Type once the shell has printed its prompt, as a person would.
    await page.locator('[data-testid="terminal"] .xterm-rows > div', { hasText: /[$#]\s*$/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
    await page.keyboard.type('echo $((6*7))');
    await page.keyboard.press('Enter');
    // The answer on a line of its own (the typed command line holds "6*7", not "42" alone).
    await page.locator('[data-testid="terminal"] .xterm-rows > div', { hasText: /^\s*42\s*$/ }).first().waitFor({ timeout: 30_000 });
    await shot('sessions-shell');
    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-phase"]', { hasText: 'closed' }).waitFor({ timeout: 30_000 });
  });

  it('lists the finished session and replays its recording', { skip: sessionsSkip() }, async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    const replay = page.locator('table tr[data-session] a', { hasText: 'Replay' }).first();
    await replay.waitFor({ timeout: 30_000 });
    await shot('sessions');
    await replay.click();
    await page.locator('[data-testid="replay-done"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="replay"] .xterm-rows > div', { hasText: /^\s*42\s*$/ }).first().waitFor();
    await shot('sessions-replay');
  });

  it('works in a narrow window', async () => {
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto(`${running.url}/console/#/nodes`);
    await page.locator(`tr[data-node="${nodeId}"]`).waitFor();
    await shot('narrow-nodes');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Parameters' }).click();
    await page.getByRole('heading', { name: 'Parameters' }).waitFor();
    // (Browser-side code as a string: this file is type-checked without the DOM library.)
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await shot('narrow-parameters');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows a user without rights AWS\'s denial, inline: nodes, and decrypting a SecureString', async () => {
    await admin.iam.send(new CreateUserCommand({ UserName: 'viewer' }));
    await admin.iam.send(new CreateLoginProfileCommand({ UserName: 'viewer', Password: 'Viewer-Pass-42' }));
    // May read parameters, but not decrypt them (no kms:Decrypt), and nothing about nodes.
    await admin.iam.send(new PutUserPolicyCommand({
      UserName: 'viewer',
      PolicyName: 'read-parameters',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ssm:DescribeParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory'], Resource: '*' }] }),
    }));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await context.newPage();
    await other.goto(`${running.url}/console/`);
    await signIn(other, 'viewer', 'Viewer-Pass-42');
    const denial = other.locator('[role="alert"]', { hasText: 'AccessDeniedException' });
    await denial.waitFor();
    assert.match(await denial.innerText(), /User: arn:aws:iam::\d{12}:user\/viewer is not authorized to perform: ssm:DescribeInstanceInformation/);
    await shot('denied', other);

    await other.goto(`${running.url}/console/#/parameters?name=${encodeURIComponent('/console-test/db-password')}`);
    await other.locator('[data-testid="parameter-value"]', { hasText: '••••••••' }).waitFor();
    await other.getByRole('button', { name: 'Decrypt' }).click();
    const kms = other.locator('[role="alert"]', { hasText: 'AccessDeniedException' });
    await kms.waitFor();
    assert.match(await kms.innerText(), /user\/viewer is not authorized to perform: kms:Decrypt/);
    assert.equal((await other.locator('[data-testid="parameter-value"]').innerText()).trim(), '••••••••');
    await shot('denied-decrypt', other);
    await context.close();
  });

  it('makes a user whose password must be reset choose a new one before the console opens', async () => {
    await admin.iam.send(new CreateUserCommand({ UserName: 'newcomer' }));
    await admin.iam.send(new CreateLoginProfileCommand({ UserName: 'newcomer', Password: 'Temporary-Pass-1', PasswordResetRequired: true }));
    await admin.iam.send(new AttachUserPolicyCommand({ UserName: 'newcomer', PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword' }));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await context.newPage();
    await other.goto(`${running.url}/console/`);
    await signIn(other, 'newcomer', 'Temporary-Pass-1');
    await other.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    // Not the console: no page of it is there.
    assert.equal(await other.locator('nav[aria-label="Pages"]').count(), 0);
    // The old password comes from the sign-in form.
    assert.equal(await other.locator('input[name="old-password"]').inputValue(), 'Temporary-Pass-1');

    // Confirmation that differs: said here, nothing sent.
    await other.locator('input[name="new-password"]').fill('Newcomer-Chosen-7');
    await other.locator('input[name="confirm-password"]').fill('Newcomer-Chosen-8');
    await other.getByRole('button', { name: 'Change password' }).click();
    await other.locator('[role="alert"]', { hasText: 'differ' }).waitFor();
    // A password IAM's rules refuse: AWS's error, in place.
    await other.locator('input[name="new-password"]').fill('weakling');
    await other.locator('input[name="confirm-password"]').fill('weakling');
    await other.getByRole('button', { name: 'Change password' }).click();
    const refused = other.locator('[role="alert"]', { hasText: 'PasswordPolicyViolation' });
    await refused.waitFor();
    assert.match(await refused.innerText(), /does not conform to the account password policy/);
    await shot('change-password-refused', other);

    await other.setViewportSize({ width: 420, height: 800 });
    const overflow = await other.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await shot('narrow-change-password', other);
    await other.setViewportSize({ width: 1280, height: 800 });

    await other.locator('input[name="new-password"]').fill('Newcomer-Chosen-7');
    await other.locator('input[name="confirm-password"]').fill('Newcomer-Chosen-7');
    await shot('change-password', other);
    const keyOf = () => other.evaluate<string>(`JSON.parse(sessionStorage.getItem('bosun.console.session')).accessKeyId`);
    const restrictedKey = await keyOf();
    await other.getByRole('button', { name: 'Change password' }).click();
    await other.getByRole('heading', { name: 'Managed nodes' }).waitFor();
    await other.locator('.topbar .who', { hasText: 'newcomer' }).waitFor();
    // The credentials that could only change the password were swapped for new ones, and revoked.
    assert.notEqual(await keyOf(), restrictedKey);
    // Cleared for good: on the server, and in this tab after a reload.
    const profile = await admin.iam.send(new GetLoginProfileCommand({ UserName: 'newcomer' }));
    assert.equal(profile.LoginProfile?.PasswordResetRequired, false);
    await other.reload();
    await other.getByRole('heading', { name: 'Managed nodes' }).waitFor();
    assert.equal(await other.getByRole('heading', { name: 'Choose a new password' }).count(), 0);

    // Only the new password signs in now.
    await other.getByRole('button', { name: 'Sign out' }).click();
    await signIn(other, 'newcomer', 'Temporary-Pass-1');
    await other.getByText('Your authentication information is incorrect').waitFor();
    await signIn(other, 'newcomer', 'Newcomer-Chosen-7');
    await other.getByRole('heading', { name: 'Managed nodes' }).waitFor();
    await context.close();
  });

  it('signs out, and goes back to sign-in when the credentials have expired', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('form.sign-in').waitFor();
    await signIn(page, 'admin', password);
    await page.locator('.topbar .who', { hasText: 'admin' }).waitFor();
    await page.evaluate(`(() => {
      const key = 'bosun.console.session';
      const s = JSON.parse(sessionStorage.getItem(key));
      sessionStorage.setItem(key, JSON.stringify({ ...s, expiration: new Date(Date.now() - 1000).toISOString() }));
    })()`);
    await page.reload();
    await page.locator('form.sign-in').waitFor();
  });
});

/** SDK clients with the access key `bosun up` wrote into the sandbox's [bosun] profile. */
function adminClients(credentialsFile: string, endpoint: string): { ssm: SSMClient; iam: IAMClient } {
  const text = fs.readFileSync(credentialsFile, 'utf8');
  const credentials = {
    accessKeyId: /aws_access_key_id = (\S+)/.exec(text)![1],
    secretAccessKey: /aws_secret_access_key = (\S+)/.exec(text)![1],
  };
  return { ssm: new SSMClient({ region: 'us-east-1', endpoint, credentials }), iam: new IAMClient({ region: 'us-east-1', endpoint, credentials }) };
}

/** Sessions need node-pty on the node (the agent's shell); say so instead of failing where it cannot load. */
function sessionsSkip(): string | false {
  try {
    fs.accessSync(path.join(root, 'node_modules', 'node-pty', 'package.json'));
    return false;
  } catch {
    return 'node-pty is not installed: the agent cannot open a shell';
  }
}

async function signIn(page: Page, userName: string, password: string): Promise<void> {
  await page.locator('input[name="username"]').fill(userName);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
