import crypto from 'node:crypto';
import type { Db } from '@bosun/server';
import { createLoginProfile } from '@bosun/server/iam/store/login-profiles';
import { findUser } from '@bosun/server/iam/store/users';

// No 0/O, 1/l/I: the password is read off a terminal and typed into a browser.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** `Xk7p-Qe3m-…`: 4 groups of 4, ~93 bits, with upper, lower, digit and '-' as IAM's default policy wants. */
export function newConsolePassword(): string {
  for (;;) {
    const bytes = crypto.randomBytes(16);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
    const password = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}

/** Gives the first admin a console password (a login profile) and returns it, to be shown once. */
export async function firstConsolePassword(db: Db, accountId: string, userName = 'admin'): Promise<string | undefined> {
  const user = await findUser(db, accountId, userName);
  if (!user) return undefined;
  const password = newConsolePassword();
  await createLoginProfile(db, user, password, false);
  return password;
}
