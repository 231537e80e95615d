/**
 * The node's identity: an Ed25519 key pair made on the node at registration. The server keeps
 * only the public key; every connection proves the node by signing the server's challenge.
 */
import crypto from 'node:crypto';
import { helloSigningString } from '@bosun/protocol/agent/messages';

export interface NodeKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generateNodeKey(): NodeKeyPair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Base64 Ed25519 signature over the hello signing string the server checks. */
export function signHello(privateKey: crypto.KeyObject, nonce: string, instanceId: string, timestamp: string): string {
  return crypto.sign(null, Buffer.from(helloSigningString(nonce, instanceId, timestamp), 'utf8'), privateKey).toString('base64');
}
