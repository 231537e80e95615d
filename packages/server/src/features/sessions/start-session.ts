import type { Input, Output } from '@bosun/protocol';
import { SESSION_PATH_PREFIX, type SessionStartMessage } from '@bosun/protocol/agent/messages';
import { AwsError } from '../../operations/errors';
import type { Authorization, OperationDef, RequestContext, ResourceRef } from '../../operations/types';
import { managedInstanceArn } from '../../agents/ids';
import { findScopedInstance, tagsOfInstances } from '../../agents/instance-store';
import { effectivePingStatus } from '../../agents/presence';
import { relayOf } from '../../sessions/index';
import { hashToken, newSessionId, newToken } from './ids';
import { loadSessionDocument, sessionDocumentArn } from './session-document';
import { insertSession, updateSession, type SessionRow } from './store';
import { emitSessionState } from './session-events';
import { streamUrl } from './stream-url';
import { clientTokenColumns } from './tokens';

type StartInput = Input<'StartSession'>;

// AWS: the session types whose terminal Session Manager logs; port sessions are not recorded.
const RECORDED = new Set(['Standard_Stream', 'InteractiveCommands']);

const notConnected = (target: string) => new AwsError('TargetNotConnected', `${target} is not connected.`);

/** The node (with its tags for IAM), or undefined when the account has no such live node. */
export async function nodeOf(ctx: RequestContext, target: string): Promise<{ instanceId: string; tags: Record<string, string>; channelUrl: string | null; online: boolean } | undefined> {
  const node = await findScopedInstance(ctx.db, ctx.accountId, ctx.region, target);
  if (!node || node.deregistered_at) return undefined;
  return {
    instanceId: node.instance_id, tags: (await tagsOfInstances(ctx.db, [node.instance_id])).get(node.instance_id) ?? {},
    channelUrl: node.channel_url, online: effectivePingStatus(node, ctx.now) === 'Online',
  };
}

async function startSession(input: StartInput, ctx: RequestContext): Promise<Output<'StartSession'>> {
  // AWS: ssm:StartSession is checked on the document as well as on the node (authorize did the node).
  await ctx.checkAccess({ resources: [sessionDocumentArn(ctx, input.DocumentName)] });
  const doc = await loadSessionDocument(ctx, input.DocumentName, input.Parameters);
  const node = await nodeOf(ctx, input.Target);
  const relay = relayOf(ctx.db)?.relay;
  // Relayed here when the node's channel is here; else by the replica that holds it (PostgreSQL).
  const relayAt = node && relay?.relayFor({ instance_id: node.instanceId, channel_url: node.channelUrl, online: node.online });
  if (!node || !relay || !relayAt) throw notConnected(input.Target);
  const sessionId = newSessionId(ctx.principal);
  // Made by the relaying replica when that is another one (tokens are never stored).
  const agentToken = relayAt === 'local' ? newToken() : undefined;
  const { token, columns } = clientTokenColumns(ctx.now);
  const prefs = doc.preferences;
  const row: SessionRow = {
    session_id: sessionId, account_id: ctx.accountId, region: ctx.region, target: node.instanceId,
    document_name: doc.name, session_type: doc.sessionType, owner: ctx.principal.arn, reason: input.Reason ?? null,
    status: 'Connecting', details: null, start_date: ctx.now.toISOString(), end_date: null,
    max_session_duration: prefs.maxDurationMinutes !== undefined ? String(prefs.maxDurationMinutes) : null,
    idle_timeout_minutes: prefs.idleTimeoutMinutes, parameters: JSON.stringify(input.Parameters ?? {}),
    recording_key: RECORDED.has(doc.sessionType) ? recordingKey(ctx.accountId, sessionId) : null,
    exit_code: null, ...columns, agent_token_hash: agentToken ? hashToken(agentToken) : null,
    relay_url: relayAt === 'local' ? (relay.url ?? null) : relayAt, start_message: null,
  };
  // AWS: a principal tagged SSMSessionRunAs runs as that OS user; else the preference's default user.
  const runAsUser = ctx.principal.tags.SSMSessionRunAs || prefs.runAsUser;
  const unsent: Omit<SessionStartMessage, 'agentToken'> = {
    type: 'session_start', sessionId, documentName: doc.name, sessionType: doc.sessionType, properties: doc.properties,
    runAsEnabled: prefs.runAsEnabled, ...(prefs.runAsEnabled && runAsUser ? { runAsUser } : {}),
    ...(prefs.shellProfile ? { shellProfile: prefs.shellProfile } : {}),
    dataChannelPath: `${SESSION_PATH_PREFIX}${sessionId}`,
  };
  if (!agentToken) {
    // The relaying replica sends it, with its agent token (relay.ts pickUp).
    await insertSession(ctx.db, { ...row, start_message: JSON.stringify(unsent) });
    await emitSessionState(ctx.db, row);
    return { SessionId: sessionId, TokenValue: token, StreamUrl: streamUrl(ctx, sessionId) };
  }
  const message: SessionStartMessage = { ...unsent, agentToken };
  await insertSession(ctx.db, row);
  if (!relay.start({ row, message, idleMinutes: prefs.idleTimeoutMinutes, maxMinutes: prefs.maxDurationMinutes })) {
    await updateSession(ctx.db, sessionId, { status: 'Failed', details: `${node.instanceId} was not connected.`, end_date: ctx.now.toISOString(), client_token_hash: null, client_token_expires: null, agent_token_hash: null });
    throw notConnected(input.Target);
  }
  await emitSessionState(ctx.db, row);
  return { SessionId: sessionId, TokenValue: token, StreamUrl: streamUrl(ctx, sessionId) };
}

/** AWS: Session Manager calls on a node are authorised on its ARN, with its tags as aws:ResourceTag/* and ssm:resourceTag/*. */
export async function nodeAuthorization(ctx: RequestContext, target: string): Promise<Authorization> {
  const node = await nodeOf(ctx, target);
  const ref: ResourceRef = { arn: managedInstanceArn(ctx.region, ctx.accountId, target), tags: node?.tags ?? {} };
  const context = Object.fromEntries(Object.entries(ref.tags ?? {}).map(([k, v]) => [`ssm:resourceTag/${k}`, v]));
  return { resources: [ref], context };
}

/** Blob keys take [A-Za-z0-9._-] only; session ids may also hold + = , @. */
const recordingKey = (accountId: string, sessionId: string): string => `sessions/${accountId}/${sessionId.replace(/[^A-Za-z0-9._-]/g, '_')}.cast`;

export const startSessionOperation: OperationDef<StartInput, Output<'StartSession'>> = {
  service: 'ssm',
  name: 'StartSession',
  // AWS: on the node with its tags (aws:ResourceTag/* and ssm:resourceTag/*); the document is
  // checked in the handler, without the node's tags, so a tag condition cannot allow it.
  authorize: (input, ctx) => nodeAuthorization(ctx, input.Target),
  handle: startSession,
};
