/**
 * Looks up the session's local user (through NSS, so LDAP/SSSD users count) and creates AWS's
 * default `ssm-user` when a root agent needs it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { planRunAs, type RunAsRequest } from './run-as';

export interface SessionUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export class SessionUserError extends Error {}

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 127) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `getent passwd <name>`; undefined when there is no such user. */
export async function lookupUser(name: string): Promise<SessionUser | undefined> {
  // A name that starts with '-' or holds ':' or whitespace can never be a user; do not pass it to getent.
  if (!/^[A-Za-z0-9._][A-Za-z0-9._@$-]*$/.test(name)) return undefined;
  const result = await run('getent', ['passwd', name]);
  if (result.code !== 0) return undefined;
  const fields = result.stdout.trim().split('\n')[0]?.split(':') ?? [];
  if (fields.length < 7) return undefined;
  const shell = fields[6] || '/bin/sh';
  return { name: fields[0], uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5] || '/', shell };
}

let creating: Promise<void> | undefined;

/** Creates the default session user: home directory, no password (AWS: useradd, no sudo rights here). */
async function createUser(name: string): Promise<void> {
  // Two sessions starting at once must not both run useradd.
  creating ??= (async () => {
    if (await lookupUser(name)) return;
    const shell = fs.existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
    const result = await run('useradd', ['--create-home', '--shell', shell, '--comment', 'Session Manager user (bosun-agent)', name]);
    // 9: created meanwhile by someone else
    if (result.code !== 0 && result.code !== 9) throw new SessionUserError(`cannot create the session user ${name}: useradd failed (${result.code}) ${result.stderr.trim()}`);
  })().finally(() => (creating = undefined));
  await creating;
}

/** Carries out the runAs decision: the user that exists (or was just created), or a refusal. */
export async function resolveSessionUser(request: RunAsRequest): Promise<SessionUser> {
  const me = os.userInfo();
  const plan = planRunAs(request, { uid: me.uid, username: me.username });
  if (plan.kind === 'refused') throw new SessionUserError(plan.message);
  let user = await lookupUser(plan.user);
  if (!user && plan.create) {
    await createUser(plan.user);
    user = await lookupUser(plan.user);
  }
  // AWS: "failed to start pty since RunAs user <name> does not exist"
  if (!user) throw new SessionUserError(`failed to start the session: Run As user ${plan.user} does not exist on this node`);
  return user;
}
