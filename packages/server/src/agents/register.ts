/**
 * Hybrid registration: an activation id and code (the code is the credential, no SigV4) and the
 * node's public key in, a new `mi-…` id out. The node's private key never leaves the node.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/index';
import type { NodeFacts, RegisterRequest, RegisterResponse } from '@bosun/protocol/agent/messages';
import { AwsError } from '../operations/errors';
import { inTransaction } from '../iam/store/util';
import { claimRegistration, findActivation, parseTags } from './activation-store';
import { activationCodeMatches, newManagedInstanceId } from './ids';
import { insertInstance } from './instance-store';

const ACTIVATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function registerNode(db: Db, body: unknown, now = new Date()): Promise<RegisterResponse> {
  const request = readRequest(body);
  // AWS: a malformed id is InvalidActivationId; an unknown id or a wrong code is the same
  // InvalidActivation, so the answer does not tell which half was wrong.
  if (!ACTIVATION_ID.test(request.activationId)) {
    throw new AwsError('InvalidActivationId', 'The activation ID is not valid. Verify that you entered the correct ActivationId and try again.');
  }
  const activation = await findActivation(db, request.activationId);
  if (!activation || !activationCodeMatches(request.activationCode, activation.code_hash)) {
    throw new AwsError('InvalidActivation', 'Activation ID or code is not valid. The activation might have been deleted, or the ActivationId and the ActivationCode do not match.');
  }
  // AWS: the agent reports an expired activation as ActivationExpired.
  if (Date.parse(activation.expiration_date) <= now.getTime()) {
    throw new AwsError('ActivationExpired', `Activation ${activation.activation_id} expired on ${activation.expiration_date}.`);
  }
  const instanceId = newManagedInstanceId();
  await inTransaction(db, async (trx) => {
    if (!(await claimRegistration(trx, activation.activation_id))) {
      throw new AwsError('InvalidActivation', `Activation ${activation.activation_id} has reached its registration limit of ${activation.registration_limit}.`);
    }
    await insertInstance(trx, {
      instance_id: instanceId,
      account_id: activation.account_id,
      region: activation.region,
      activation_id: activation.activation_id,
      iam_role: activation.iam_role,
      name: activation.default_instance_name,
      public_key: request.publicKey,
      registration_date: now.toISOString(),
      // A node that has registered but never connected has not lost anything yet; AWS shows
      // it as ConnectionLost until the first ping.
      ping_status: 'ConnectionLost',
      last_ping_at: null,
      ...factColumns(request.facts),
      deregistered_at: null,
      channel_url: null,
    }, parseTags(activation.tags));
  });
  return { instanceId, accountId: activation.account_id, region: activation.region };
}

function readRequest(body: unknown): RegisterRequest {
  const b = (body ?? {}) as Partial<RegisterRequest>;
  if (typeof b.activationId !== 'string' || typeof b.activationCode !== 'string') {
    throw new AwsError('ValidationException', 'activationId and activationCode are required.');
  }
  if (typeof b.publicKey !== 'string' || !isEd25519PublicKey(b.publicKey)) {
    throw new AwsError('ValidationException', 'publicKey must be an Ed25519 public key in SPKI PEM form.');
  }
  return b as RegisterRequest;
}

export function isEd25519PublicKey(pem: string): boolean {
  try {
    return crypto.createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

const text = (v: unknown, max = 256): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);

/** Facts the node reports, cut to sane lengths: they are the node's word, not verified. */
export function factColumns(facts: Partial<NodeFacts> | undefined) {
  const f = facts ?? {};
  const platformType = f.platformType === 'Linux' || f.platformType === 'MacOS' || f.platformType === 'Windows' ? f.platformType : null;
  return {
    platform_type: platformType,
    platform_name: text(f.platformName),
    platform_version: text(f.platformVersion),
    ip_address: text(f.ipAddress, 64),
    computer_name: text(f.computerName),
    agent_version: text(f.agentVersion, 64),
  };
}
