import type { SecretBox } from '../crypto/secret-box';

/**
 * The server's secret box, set once at start (`server.ts`). Request contexts do not carry the
 * server's secrets, and key material must be sealed and opened with the master key.
 */
let box: SecretBox | undefined;

export function setKmsSecrets(secrets: SecretBox): void {
  box = secrets;
}

export function kmsSecrets(): SecretBox {
  if (!box) throw new Error('the key service has no master key: call setKmsSecrets() at server start');
  return box;
}
