/**
 * The agent's state directory (default /var/lib/bosun-agent): the registration, the node's
 * private key and the pinned CA. The directory is 0700 and every file 0600 — the private key is
 * the node's identity and must never be readable by anyone else.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_STATE_DIR = '/var/lib/bosun-agent';

const REGISTRATION_FILE = 'registration.json';
const PRIVATE_KEY_FILE = 'private-key.pem';
const CA_FILE = 'ca.pem';
export const LEDGER_FILE = 'jobs.ledger';

export interface Registration {
  instanceId: string;
  accountId: string;
  region: string;
  serverUrl: string;
  activationId: string;
  registeredAt: string;
  /** SHA-256 fingerprint of the pinned CA (absent for plain ws:// on loopback). */
  caFingerprint?: string;
}

export interface StoredRegistration extends Registration {
  privateKey: crypto.KeyObject;
  caPem?: string;
}

export function ensureStateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is masked by umask and ignored when the directory already exists
  fs.chmodSync(dir, 0o700);
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export function writePrivateFile(dir: string, name: string, content: string): void {
  const target = path.join(dir, name);
  const temp = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, target);
}

export function isRegistered(dir: string): boolean {
  return fs.existsSync(path.join(dir, REGISTRATION_FILE));
}

/** Stores a completed registration; registration.json is written last and marks it complete. */
export function saveRegistration(dir: string, registration: Registration, privateKeyPem: string, caPem?: string): void {
  ensureStateDir(dir);
  fs.rmSync(path.join(dir, REGISTRATION_FILE), { force: true });
  writePrivateFile(dir, PRIVATE_KEY_FILE, privateKeyPem);
  if (caPem) writePrivateFile(dir, CA_FILE, caPem);
  else fs.rmSync(path.join(dir, CA_FILE), { force: true });
  writePrivateFile(dir, REGISTRATION_FILE, `${JSON.stringify(registration, null, 2)}\n`);
}

export class NotRegisteredError extends Error {
  constructor(readonly stateDir: string) {
    super(`this node is not registered (no ${REGISTRATION_FILE} in ${stateDir}); run \`bosun-agent register\` first`);
  }
}

export class UnsafeKeyError extends Error {}

export function loadRegistration(dir: string): StoredRegistration {
  const file = path.join(dir, REGISTRATION_FILE);
  if (!fs.existsSync(file)) throw new NotRegisteredError(dir);
  const registration = JSON.parse(fs.readFileSync(file, 'utf8')) as Registration;
  const keyPath = path.join(dir, PRIVATE_KEY_FILE);
  // Like ssh with an identity file: a key others can read is no longer this node's alone.
  const mode = fs.statSync(keyPath).mode & 0o777;
  if (mode & 0o077) throw new UnsafeKeyError(`${keyPath} is readable by others (mode ${mode.toString(8)}); run chmod 600 on it`);
  const privateKey = crypto.createPrivateKey(fs.readFileSync(keyPath, 'utf8'));
  const caPath = path.join(dir, CA_FILE);
  const caPem = fs.existsSync(caPath) ? fs.readFileSync(caPath, 'utf8') : undefined;
  return { ...registration, privateKey, caPem };
}
