import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The server's master key and what it protects. The key lives in the data directory
 * (`master.key`, mode 0600) or comes from BOSUN_MASTER_KEY (base64, 32 bytes) — never from the
 * database, so a copied database file reveals no secret.
 */
export interface SecretBox {
  /** AES-256-GCM; `aad` binds the ciphertext to where it is stored (e.g. account + key id). */
  seal(plaintext: Buffer | string, aad: string): string;
  /** Throws if the ciphertext was altered or is opened under another `aad`. */
  open(sealed: string, aad: string): Buffer;
  /** A key derived from the master key for one purpose (HKDF-SHA256), e.g. 'audit-chain'. */
  derive(purpose: string): Buffer;
}

const VERSION = 'v1';

export function createSecretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  const sealKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'bosun:seal', 32));
  return {
    seal(plaintext, aad) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', sealKey, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${VERSION}:${Buffer.concat([iv, tag, body]).toString('base64')}`;
    },
    open(sealed, aad) {
      const [version, data] = sealed.split(':', 2);
      if (version !== VERSION || !data) throw new Error('unrecognised sealed value');
      const raw = Buffer.from(data, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    },
    derive(purpose) {
      return Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), `bosun:${purpose}`, 32));
    },
  };
}

/** Reads the master key from the environment or the data directory, creating it on first start. */
export function loadOrCreateMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.BOSUN_MASTER_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('BOSUN_MASTER_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) {
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) throw new Error(`${file} is readable by others (mode ${mode.toString(8)}); chmod 600 it`);
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
