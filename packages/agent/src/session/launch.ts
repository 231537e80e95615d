/**
 * How a session's program is started as its user: a clean environment of that user, its home as
 * the working directory, and — when the agent is root and the user is not — `setpriv` to switch
 * uid, gid AND supplementary groups (node-pty and child_process switch uid/gid but leave the
 * groups of the root agent, or none at all).
 */
import fs from 'node:fs';
import os from 'node:os';
import type { SessionUser } from './session-user';

export interface Launch {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

const PATH_ROOT = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const PATH_USER = '/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin';

export function sessionEnv(user: SessionUser): Record<string, string> {
  return {
    PATH: user.uid === 0 ? PATH_ROOT : PATH_USER,
    // AWS: TERM=xterm-256color (the pty's default "linux" leaves vi screens uncleared)
    TERM: 'xterm-256color',
    // AWS: LANG=C.UTF-8 unless the agent has one (Session Manager carries UTF-8 only)
    LANG: process.env.LANG || 'C.UTF-8',
    HOME: user.home,
    USER: user.name,
    LOGNAME: user.name,
    SHELL: user.shell,
  };
}

/** `argv` run as `user`: through setpriv when a root agent switches to another user. */
export function launchAs(user: SessionUser, argv: string[]): Launch {
  const cwd = fs.existsSync(user.home) ? user.home : '/';
  const env = sessionEnv(user);
  const agentUid = os.userInfo().uid;
  if (agentUid === 0 && user.uid !== 0) {
    return {
      file: 'setpriv',
      args: [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--init-groups', '--', ...argv],
      cwd,
      env,
    };
  }
  return { file: argv[0], args: argv.slice(1), cwd, env };
}

/** The user's login shell as a login shell (reads /etc/profile and ~/.profile). */
export function loginShell(user: SessionUser): string[] {
  const shell = user.shell && !/\/(nologin|false)$/.test(user.shell) ? user.shell : '/bin/sh';
  return [shell, '-l'];
}

/** Commands through `sh -c`, as AWS runs InteractiveCommands. */
export function shellCommand(commands: string): string[] {
  return ['/bin/sh', '-c', commands];
}
