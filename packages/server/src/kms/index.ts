/**
 * The key service's public door: what other features (Parameter Store's SecureString) may use.
 * KMS operations themselves live in features/kms/; both go through the same key store here.
 */
export type { KeyRef } from './key-ref';
export { setKmsSecrets } from './secrets';
export { resolveKey } from './resolve';
export { encryptWithKey, keyOfCiphertext, decryptBlob } from './envelope';
export { keyAuthorization } from './key-authorization';

// The signatures, for readers of this door (implemented in the modules above):
//   resolveKey(ctx, keyIdOrAlias): Promise<KeyRef>
//     Key id, key ARN, alias name or alias ARN → the enabled key; 'alias/aws/ssm' is created
//     on first use. Throws AwsError('NotFoundException'|'DisabledException'|'KMSInvalidStateException').
//   encryptWithKey(ctx, key, plaintext: Uint8Array, encryptionContext: Record<string,string>): Promise<Buffer>
//   keyOfCiphertext(ctx, blob: Uint8Array): Promise<KeyRef>
//     Which key a blob names (authorise kms:Decrypt on it first). InvalidCiphertextException if not ours.
//   decryptBlob(ctx, blob: Uint8Array, encryptionContext): Promise<{ plaintext: Buffer; key: KeyRef }>
//   keyAuthorization(ctx, key, action, encryptionContext?, { viaService? }): Promise<Authorization>
//     For ctx.checkAccess: the key ARN with its tags, kms:EncryptionContext:* and kms:ViaService.
