/**
 * `{{ssm:/path}}` in a command's steps, read with the NODE's rights: the engine mints the
 * node's role session and calls GetParameter through dispatch as that principal, so the
 * role's policies decide and the read is audited under the node's id, as on AWS.
 */
import crypto from 'node:crypto';
import type { runCommand } from '@bosun/protocol';
import { dispatch, type ServerContext } from '../../../operations/dispatch';
import { routeForService } from '../../../operations/services';
import { resolveAccessKey } from '../../../iam/credentials';
import { findInstance } from '../../../agents/instance-store';
import { mintNodeCredentials } from '../../../agents/node-role';
import type { Principal } from '../../../operations/types';

type RunCommandStep = runCommand.RunCommandStep;

const SSM_REFERENCE = /\{\{\s*ssm:([^}\s]+)\s*\}\}/g;

export const hasSsmReferences = (steps: RunCommandStep[]): boolean => /\{\{\s*ssm:/.test(JSON.stringify(steps));

/** The node's role principal, or a clear error when the node has no usable role. */
async function nodePrincipal(server: ServerContext, instanceId: string, now: Date): Promise<Principal> {
  const node = await findInstance(server.db, instanceId);
  if (!node) throw new Error(`${instanceId} is not a managed node`);
  const creds = await mintNodeCredentials(server.db, server.secrets, node, now);
  if (!creds) throw new Error(`${instanceId} has no IAM role, so it cannot read {{ssm:…}} parameters`);
  const resolved = await resolveAccessKey(server.db, server.secrets, creds.accessKeyId, now);
  if (!resolved || 'inactive' in resolved) throw new Error('the node role session could not be resolved');
  return resolved.principal;
}

/** Returns the steps with every `{{ssm:name}}` replaced by the value the node's role may read. */
export async function resolveSsmReferences(server: ServerContext, instanceId: string, region: string, steps: RunCommandStep[]): Promise<RunCommandStep[]> {
  if (!hasSsmReferences(steps)) return steps;
  const now = new Date();
  const principal = await nodePrincipal(server, instanceId, now);
  const values = new Map<string, string>();
  const text = JSON.stringify(steps);
  for (const m of text.matchAll(SSM_REFERENCE)) {
    const name = m[1];
    if (values.has(name)) continue;
    const output = await dispatch(server, {
      route: routeForService('ssm'), operation: 'GetParameter', rawInput: { Name: name, WithDecryption: true },
      principal, region, requestId: crypto.randomUUID(), sourceIp: '127.0.0.1', userAgent: 'bosun-run-command', secureTransport: true, now,
    }) as { Parameter?: { Value?: string } };
    values.set(name, output.Parameter?.Value ?? '');
  }
  // Substitute inside the JSON text's strings: escape each value as a JSON string body.
  const replaced = text.replace(SSM_REFERENCE, (_all, name: string) => JSON.stringify(values.get(name) ?? '').slice(1, -1));
  return JSON.parse(replaced) as RunCommandStep[];
}
