import crypto from 'node:crypto';

const CODE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** AWS: activation codes are 20 characters of base-64 text (e.g. `QC2CV0/lRfn+LTqf23Bf`). */
export function newActivationCode(): string {
  let out = '';
  // 64 divides 256, so every character is equally likely without rejection sampling.
  for (const byte of crypto.randomBytes(20)) out += CODE_CHARS[byte % 64];
  return out;
}

export const hashActivationCode = (code: string): string => crypto.createHash('sha256').update(code, 'utf8').digest('hex');

/** Constant-time: a wrong code must not leak how much of it was right. */
export function activationCodeMatches(code: string, storedHash: string): boolean {
  const a = Buffer.from(hashActivationCode(code), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** AWS: managed (hybrid) node ids are `mi-` and 17 hex digits. */
export const newManagedInstanceId = (): string => 'mi-' + crypto.randomBytes(9).toString('hex').slice(0, 17);

export const MANAGED_INSTANCE_ID = /^mi-[0-9a-f]{17}$/;

export const managedInstanceArn = (region: string, accountId: string, instanceId: string): string =>
  `arn:aws:ssm:${region}:${accountId}:managed-instance/${instanceId}`;
