/**
 * Registration end to end, for the CLI and for in-process callers (`bosun up`): pin the CA,
 * make the node's key, register, store. Nothing is written unless the server accepted the node.
 */
import { collectFacts } from '../facts/collect-facts';
import { generateNodeKey } from '../identity/node-key';
import { isRegistered, loadRegistration, saveRegistration, type Registration } from '../state/state-dir';
import { CaPinError, fetchPinnedCa, fingerprintOfPem, normalizeFingerprint, readCaFile } from '../tls/pinned-ca';
import { parseServerUrl } from '../tls/server-url';
import { registerNode } from './register-node';

export interface RegisterAgentOptions {
  url: string;
  activationId: string;
  activationCode: string;
  stateDir: string;
  caFingerprint?: string;
  caFile?: string;
  /** Region the node's role credentials are used in; defaults to the server's answer. */
  region?: string;
  /** Replace an existing registration in stateDir. */
  force?: boolean;
}

export class AlreadyRegisteredError extends Error {
  constructor(readonly existing: Registration, stateDir: string) {
    super(
      `this node is already registered as ${existing.instanceId} with ${existing.serverUrl} (state in ${stateDir}); ` +
        'pass --force to replace that registration',
    );
  }
}

export async function registerAgent(options: RegisterAgentOptions): Promise<Registration> {
  if (isRegistered(options.stateDir) && !options.force) throw new AlreadyRegisteredError(loadRegistration(options.stateDir), options.stateDir);
  const server = parseServerUrl(options.url);
  const caPem = server.protocol === 'https:' ? await pinCa(server, options) : undefined;
  const key = generateNodeKey();
  const answer = await registerNode({
    server,
    activationId: options.activationId,
    activationCode: options.activationCode,
    publicKeyPem: key.publicKeyPem,
    facts: collectFacts(),
    caPem,
  });
  const registration: Registration = {
    instanceId: answer.instanceId,
    accountId: answer.accountId,
    region: options.region ?? answer.region,
    serverUrl: server.origin,
    activationId: options.activationId,
    registeredAt: new Date().toISOString(),
    ...(caPem ? { caFingerprint: fingerprintOfPem(caPem) } : {}),
  };
  saveRegistration(options.stateDir, registration, key.privateKeyPem, caPem);
  return registration;
}

async function pinCa(server: URL, options: RegisterAgentOptions): Promise<string> {
  if (options.caFile) {
    const ca = readCaFile(options.caFile);
    if (options.caFingerprint && normalizeFingerprint(options.caFingerprint) !== ca.fingerprint) {
      throw new CaPinError(`the CA in ${options.caFile} has fingerprint ${ca.fingerprint}, not the --ca-fingerprint given`);
    }
    return ca.pem;
  }
  if (options.caFingerprint) return fetchPinnedCa(server, options.caFingerprint);
  throw new CaPinError('an https:// server needs its CA pinned: pass --ca-fingerprint (printed by `bosun init`) or --ca-file');
}
