/** The facts the agent reports on connect and whenever they change. */
import os from 'node:os';
import type { NodeFacts } from '@bosun/protocol/agent/messages';
import { AGENT_VERSION } from '../version';
import { readOsPlatform } from './os-release';
import { primaryIpv4 } from './primary-ipv4';

function platformType(): NodeFacts['platformType'] {
  if (process.platform === 'darwin') return 'MacOS';
  if (process.platform === 'win32') return 'Windows';
  return 'Linux';
}

export function collectFacts(): NodeFacts {
  return {
    platformType: platformType(),
    ...readOsPlatform(),
    ipAddress: primaryIpv4(),
    computerName: os.hostname(),
    agentVersion: AGENT_VERSION,
  };
}

export function sameFacts(a: NodeFacts | undefined, b: NodeFacts): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
