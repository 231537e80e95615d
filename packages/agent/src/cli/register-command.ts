/**
 * `bosun-agent register`: make the node's key, pin the server's CA, register with the
 * activation, store the result. Nothing is written unless the server accepted the node.
 */
import { collectFacts } from '../facts/collect-facts';
import { generateNodeKey } from '../identity/node-key';
import { registerNode } from '../register/register-node';
import { isRegistered, loadRegistration, saveRegistration } from '../state/state-dir';
import { fetchPinnedCa, fingerprintOfPem, normalizeFingerprint, readCaFile } from '../tls/pinned-ca';
import { parseServerUrl } from '../tls/server-url';
import { UsageError, type AgentCliOptions } from './options';

export async function registerCommand(options: AgentCliOptions, print: (line: string) => void): Promise<number> {
  if (!options.url) throw new UsageError('missing --url (or BOSUN_AGENT_URL): the server, e.g. https://bosun.example.com:8443');
  if (!options.activationId) throw new UsageError('missing --activation-id (or BOSUN_ACTIVATION_ID)');
  if (!options.activationCode) throw new UsageError('missing --activation-code (or BOSUN_ACTIVATION_CODE)');
  if (isRegistered(options.stateDir) && !options.force) {
    const existing = loadRegistration(options.stateDir);
    throw new UsageError(
      `this node is already registered as ${existing.instanceId} with ${existing.serverUrl} (state in ${options.stateDir}); ` +
        'pass --force to replace that registration',
    );
  }
  const server = parseServerUrl(options.url);
  let caPem: string | undefined;
  if (server.protocol === 'https:') {
    if (options.caFile) {
      const ca = readCaFile(options.caFile);
      caPem = ca.pem;
      if (options.caFingerprint && normalizeFingerprint(options.caFingerprint) !== ca.fingerprint) {
        throw new UsageError(`the CA in ${options.caFile} has fingerprint ${ca.fingerprint}, not the --ca-fingerprint given`);
      }
    } else if (options.caFingerprint) {
      caPem = await fetchPinnedCa(server, options.caFingerprint);
    } else {
      throw new UsageError('an https:// server needs its CA pinned: pass --ca-fingerprint (printed by `bosun init`) or --ca-file');
    }
  }
  const key = generateNodeKey();
  const answer = await registerNode({
    server,
    activationId: options.activationId,
    activationCode: options.activationCode,
    publicKeyPem: key.publicKeyPem,
    facts: collectFacts(),
    caPem,
  });
  const caFingerprint = caPem ? fingerprintOfPem(caPem) : undefined;
  saveRegistration(
    options.stateDir,
    {
      instanceId: answer.instanceId,
      accountId: answer.accountId,
      region: options.region ?? answer.region,
      serverUrl: server.origin,
      activationId: options.activationId,
      registeredAt: new Date().toISOString(),
      ...(caFingerprint ? { caFingerprint } : {}),
    },
    key.privateKeyPem,
    caPem,
  );
  print(`registered as ${answer.instanceId} (account ${answer.accountId}, region ${options.region ?? answer.region})`);
  print(`state saved in ${options.stateDir}; start the agent with \`bosun-agent run\``);
  return 0;
}
