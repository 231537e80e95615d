import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { END_MESSAGES, relayOf } from '../../sessions/index';
import { sessionArn } from './ids';
import { noSuchSession } from './resume-session';
import { isEnded } from './statuses';
import { findScopedSession } from './store';

async function terminateSession(input: Input<'TerminateSession'>, ctx: RequestContext): Promise<Output<'TerminateSession'>> {
  const row = await findScopedSession(ctx.db, ctx.accountId, ctx.region, input.SessionId);
  if (!row) throw noSuchSession(input.SessionId);
  // AWS: terminating an ended session succeeds and changes nothing.
  if (!isEnded(row.status)) {
    const request = { status: 'Terminated' as const, details: `Terminated by ${ctx.principal.arn} (TerminateSession).`, clientMessage: END_MESSAGES.terminated, notifyAgent: true };
    const relay = relayOf(ctx.db)?.relay;
    if (relay) await relay.end(row.session_id, request);
  }
  return { SessionId: row.session_id };
}

export const terminateSessionOperation: OperationDef<Input<'TerminateSession'>, Output<'TerminateSession'>> = {
  service: 'ssm',
  name: 'TerminateSession',
  authorize: (input, ctx) => ({ resources: [sessionArn(ctx.region, ctx.accountId, input.SessionId)] }),
  handle: terminateSession,
};
