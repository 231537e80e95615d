import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { relayOf } from '../../sessions/index';
import { sessionArn } from './ids';
import { isEnded } from './statuses';
import { findScopedSession } from './store';
import { streamUrl } from './stream-url';
import { issueClientToken } from './tokens';

export const noSuchSession = (id: string) => new AwsError('DoesNotExistException', `Session with id ${id} does not exist.`);

async function resumeSession(input: Input<'ResumeSession'>, ctx: RequestContext): Promise<Output<'ResumeSession'>> {
  const row = await findScopedSession(ctx.db, ctx.accountId, ctx.region, input.SessionId);
  if (!row) throw noSuchSession(input.SessionId);
  // AWS: an ended session answers without a token; the plugin then says the session timed out and exits.
  if (isEnded(row.status) || !relayOf(ctx.db)?.relay.isRelayed(row)) {
    return { SessionId: row.session_id, StreamUrl: streamUrl(ctx, row.session_id) };
  }
  const token = await issueClientToken(ctx.db, row.session_id, ctx.now);
  return { SessionId: row.session_id, TokenValue: token, StreamUrl: streamUrl(ctx, row.session_id) };
}

export const resumeSessionOperation: OperationDef<Input<'ResumeSession'>, Output<'ResumeSession'>> = {
  service: 'ssm',
  name: 'ResumeSession',
  // AWS: arn:aws:ssm:<region>:<account>:session/<id>, so `session/${aws:username}-*` limits people to their own.
  authorize: (input, ctx) => ({ resources: [sessionArn(ctx.region, ctx.accountId, input.SessionId)] }),
  handle: resumeSession,
};
