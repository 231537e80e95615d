/**
 * The proof a node gives on every connection: an Ed25519 signature over the server's one-time
 * nonce, its id and a fresh timestamp, checked against the key it registered with.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/index';
import { CLOSE_CODES, helloSigningString, type HelloMessage, type RefusedMessage } from '@bosun/protocol/agent/messages';
import { MANAGED_INSTANCE_ID } from './ids';
import { findInstance, type InstanceRow } from './instance-store';

/** How far a hello's timestamp may be from the server's clock. */
export const HELLO_FRESHNESS_MS = 5 * 60 * 1000;

export type Refusal = Omit<RefusedMessage, 'type'> & { closeCode: number };

const refuse = (code: RefusedMessage['code'], message: string, permanent = false): Refusal => ({
  code, message, retry: !permanent, closeCode: permanent ? CLOSE_CODES.refusedPermanently : CLOSE_CODES.handshakeFailed,
});

/**
 * Signatures seen within the freshness window. A nonce is used once per connection, so a
 * replayed hello can never verify; remembering signatures lets the refusal say what happened.
 */
export class SeenSignatures {
  private seen = new Map<string, number>();

  /** False when this signature was already presented. */
  remember(signature: string, now: number): boolean {
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, now + 2 * HELLO_FRESHNESS_MS);
    if (this.seen.size % 256 === 0) {
      for (const [sig, until] of this.seen) if (until < now) this.seen.delete(sig);
    }
    return true;
  }
}

export async function verifyHello(
  db: Db, hello: HelloMessage, nonce: string, now: Date, seen: SeenSignatures,
): Promise<{ node: InstanceRow } | { refusal: Refusal }> {
  if (typeof hello.instanceId !== 'string' || typeof hello.signature !== 'string' || typeof hello.timestamp !== 'string') {
    return { refusal: refuse('ProtocolError', 'hello needs instanceId, timestamp and signature') };
  }
  if (!MANAGED_INSTANCE_ID.test(hello.instanceId)) {
    return { refusal: refuse('InvalidInstanceId', `Not existing InstanceId ${hello.instanceId}`, true) };
  }
  if (!seen.remember(hello.signature, now.getTime())) {
    return { refusal: refuse('ReplayedHandshake', 'This handshake was already used; sign the new challenge.') };
  }
  const node = await findInstance(db, hello.instanceId);
  // AWS: the agent is told "InvalidInstanceId: Not existing InstanceId" for ids the service forgot.
  if (!node) return { refusal: refuse('InvalidInstanceId', `Not existing InstanceId ${hello.instanceId}`, true) };
  const signed = Buffer.from(helloSigningString(nonce, hello.instanceId, hello.timestamp), 'utf8');
  let valid = false;
  try {
    valid = crypto.verify(null, signed, crypto.createPublicKey(node.public_key), Buffer.from(hello.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { refusal: refuse('BadSignature', `The signature does not prove the key registered for ${hello.instanceId}.`) };
  const skew = Math.abs(now.getTime() - Date.parse(hello.timestamp));
  if (!(skew <= HELLO_FRESHNESS_MS)) {
    return { refusal: refuse('ReplayedHandshake', 'The hello timestamp is not fresh; check the node clock.') };
  }
  // Checked only after the signature, so nobody learns a node's fate without its key.
  if (node.deregistered_at) {
    return { refusal: refuse('Deregistered', `${node.instance_id} was deregistered on ${node.deregistered_at}; register it again with a new activation.`, true) };
  }
  return { node };
}
