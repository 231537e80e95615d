import type { RequestContext } from '../../operations/types';
import { CLIENT_PATH_PREFIX, relayOf } from '../../sessions/index';

/** AWS: wss://<host>/v1/data-channel/<sessionId>?role=publish_subscribe, on the host the client called. */
export function streamUrl(ctx: RequestContext, sessionId: string): string {
  const host = ctx.requestHost;
  const base = host
    ? `${ctx.secureTransport ? 'wss' : 'ws'}://${host}`
    : (relayOf(ctx.db)?.publicUrl ?? 'http://127.0.0.1').replace(/^http/, 'ws');
  return `${base}${CLIENT_PATH_PREFIX}${encodeURIComponent(sessionId)}?role=publish_subscribe`;
}
