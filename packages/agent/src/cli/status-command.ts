/** `bosun-agent status`: what this node is registered as, and whether it can reach its server. */
import { probeChannel } from '../channel/probe';
import { loadRegistration } from '../state/state-dir';
import { channelUrl } from '../tls/server-url';
import type { AgentCliOptions } from './options';

export async function statusCommand(options: AgentCliOptions, print: (line: string) => void): Promise<number> {
  const registration = loadRegistration(options.stateDir);
  print(`node id:       ${registration.instanceId}`);
  print(`server:        ${registration.serverUrl}`);
  print(`account:       ${registration.accountId} (${registration.region})`);
  print(`registered at: ${registration.registeredAt}`);
  print(`pinned CA:     ${registration.caFingerprint ?? 'none (plain ws:// on loopback)'}`);
  const probe = await probeChannel(channelUrl(new URL(registration.serverUrl)), registration.caPem);
  print(probe.ok ? 'connection:    ok (the server answered on the agent channel)' : `connection:    FAILED: ${probe.error}`);
  return probe.ok ? 0 : 1;
}
