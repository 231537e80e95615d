/**
 * Port sessions (AWS-StartPortForwardingSession, …ToRemoteHost, AWS-StartSSHSession): resolve
 * and check the destination, then carry TCP multiplexed (smux) or as one raw stream, as the
 * plugin chose from the handshake.
 */
import type { SessionStartMessage } from '@bosun/protocol/agent/messages';
import { PayloadTypeFlag } from '@bosun/protocol/session/constants';
import type { SessionIo, SessionOutcome } from '../session-io';
import { runBasicPort } from './basic-port';
import { DestinationError, resolveDestination } from './destination';
import { runMuxPort } from './mux-port';
import { clientSpeaksSmux } from './version';

/** AWS: the `type` property of the port-forwarding documents. */
export const LOCAL_PORT_FORWARDING = 'LocalPortForwarding';

export function usesSmux(properties: Record<string, unknown>, clientVersion: string): boolean {
  return properties.type === LOCAL_PORT_FORWARDING && clientSpeaksSmux(clientVersion);
}

export async function runPortSession(start: SessionStartMessage, io: SessionIo, signal: AbortSignal): Promise<SessionOutcome> {
  const properties = start.properties ?? {};
  const mux = usesSmux(properties, io.clientVersion);
  try {
    const destination = await resolveDestination(properties as { host?: unknown; portNumber?: unknown });
    if (mux) return await runMuxPort(destination, io, signal);
    return await runBasicPort(destination, properties.type === LOCAL_PORT_FORWARDING, io, signal);
  } catch (error) {
    if (!(error instanceof DestinationError)) throw error;
    // AWS: the plugin prints "Connection to destination port failed" for this flag; only the
    // smux mode reads flags (the raw modes would write its bytes into the user's stream).
    if (mux) io.flag(PayloadTypeFlag.ConnectToPortError);
    return { exitCode: 1, reason: error.message };
  }
}
