import { createContext, useContext } from 'react';
import type { AwsClients } from '../aws/clients';
import type { ConsoleSession } from '../auth/session';

export interface ConsoleContext extends AwsClients {
  session: ConsoleSession;
  /** Called with any failed call: expired or revoked credentials send the user to sign in. */
  reportError(error: unknown): void;
}

export const Console = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const ctx = useContext(Console);
  if (!ctx) throw new Error('useConsole outside the signed-in console');
  return ctx;
}
