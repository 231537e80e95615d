import type { Db } from '../../db/index';
import { hashToken, newToken } from './ids';
import { updateSession } from './store';

/** AWS: a TokenValue opens the data channel within minutes of being issued; after that, ResumeSession. */
export const CLIENT_TOKEN_TTL_MS = 10 * 60 * 1000;

export function clientTokenColumns(now: Date): { token: string; columns: { client_token_hash: string; client_token_expires: string } } {
  const token = newToken();
  return { token, columns: { client_token_hash: hashToken(token), client_token_expires: new Date(now.getTime() + CLIENT_TOKEN_TTL_MS).toISOString() } };
}

/** A fresh client token for a live session (the previous one, if unused, stops working). */
export async function issueClientToken(db: Db, sessionId: string, now: Date): Promise<string> {
  const { token, columns } = clientTokenColumns(now);
  await updateSession(db, sessionId, columns);
  return token;
}
