/**
 * The signed-in user's temporary credentials. Kept in sessionStorage: they last only as long as
 * this tab (and at most until they expire), and never reach a cookie the server would read.
 */
export interface ConsoleConfig {
  region: string;
  accountRequired: boolean;
  sessionSeconds: number;
}

export interface ConsoleSession {
  accountId: string;
  userName: string;
  arn: string;
  region: string;
  passwordResetRequired: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}

const KEY = 'bosun.console.session';

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/console/api/config', { cache: 'no-store' });
  if (!res.ok) throw new Error(`The server did not answer /console/api/config (${res.status}).`);
  return (await res.json()) as ConsoleConfig;
}

export function storedSession(): ConsoleSession | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as ConsoleSession;
    return new Date(session.expiration).getTime() > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export class SignInError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export async function signIn(input: { account?: string; userName: string; password: string }): Promise<ConsoleSession> {
  const res = await fetch('/console/api/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Account: input.account || undefined, UserName: input.userName, Password: input.password }),
  });
  const body = (await res.json().catch(() => ({}))) as any;
  if (!res.ok) throw new SignInError(body.__type ?? 'Error', body.message ?? `Sign-in failed (${res.status}).`);
  const session: ConsoleSession = {
    accountId: body.AccountId,
    userName: body.UserName,
    arn: body.Arn,
    region: body.Region,
    passwordResetRequired: !!body.PasswordResetRequired,
    accessKeyId: body.Credentials.AccessKeyId,
    secretAccessKey: body.Credentials.SecretAccessKey,
    sessionToken: body.Credentials.SessionToken,
    expiration: body.Credentials.Expiration,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/**
 * After ChangePassword: credentials signed in with the new password replace the old ones, which
 * the server issued only for changing the password (they can do nothing else), and are revoked.
 */
export async function renewAfterPasswordChange(session: ConsoleSession, newPassword: string): Promise<ConsoleSession> {
  const renewed = await signIn({ account: session.accountId, userName: session.userName, password: newPassword });
  await revoke(session);
  return renewed;
}

/** Revokes the credentials on the server (best effort) and forgets them here. */
export async function signOut(session: ConsoleSession | undefined): Promise<void> {
  sessionStorage.removeItem(KEY);
  if (session) await revoke(session);
}

async function revoke(session: ConsoleSession): Promise<void> {
  await fetch('/console/api/sign-out', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ AccessKeyId: session.accessKeyId, SessionToken: session.sessionToken }),
  }).catch(() => undefined);
}
