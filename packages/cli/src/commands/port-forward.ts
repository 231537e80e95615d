import net from 'node:net';
import { Command } from 'commander';
import { connect, connectionOptions, reportError, type ConnectionFlags } from '../connection';
import { startSession } from '../session/open';
import { bridgePort } from '../session/port-bridge';

/**
 * `bosun port-forward <node-id> --remote 5432 [--host db.internal] --local 15432`: what
 * `aws ssm start-session --document-name AWS-StartPortForwardingSession[ToRemoteHost]` does with
 * the plugin — a local listener whose every connection is one multiplexed stream to the
 * destination, through the node. Ctrl-C ends the session.
 */
interface PortForwardFlags extends ConnectionFlags {
  remote: string;
  host?: string;
  local: string;
  bind: string;
  reason?: string;
}

export function portForwardCommand(): Command {
  return connectionOptions(
    new Command('port-forward')
      .description('forward a local port to a port on a managed node, or on a host it reaches')
      .argument('<node-id>', 'managed node id (mi-…)')
      .requiredOption('--remote <port>', 'destination port')
      .option('--host <host>', 'destination host reached from the node (default: the node itself)')
      .option('--local <port>', 'local port to listen on (0: any free port)', '0')
      .option('--bind <address>', 'local address to listen on', '127.0.0.1')
      .option('--reason <text>', 'why, kept with the session (DescribeSessions, audit)'),
  ).action(async (nodeId: string, flags: PortForwardFlags) => {
    try {
      process.exitCode = await portForward(nodeId, flags);
    } catch (err) {
      reportError('port-forward', err);
      process.exitCode = 2;
    }
  });
}

function portNumber(text: string, flag: string, min: number): string {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > 65535) throw new Error(`${flag} ${text}: expected a port number`);
  return String(n);
}

async function portForward(nodeId: string, flags: PortForwardFlags): Promise<number> {
  const remote = portNumber(flags.remote, '--remote', 1);
  const local = portNumber(flags.local, '--local', 0);
  const connection = connect(flags);
  // Listen before starting the session, so a busy port costs no session. Half-open: a client
  // that ends its side (shutdown(SHUT_WR)) still reads the answer.
  const server = net.createServer({ allowHalfOpen: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(local), flags.bind, () => resolve());
  });
  const localPort = String((server.address() as net.AddressInfo).port);
  const open = await startSession(connection, {
    target: nodeId,
    // AWS: the two documents the plugin's port forwarding uses; localPortNumber is informational.
    documentName: flags.host ? 'AWS-StartPortForwardingSessionToRemoteHost' : 'AWS-StartPortForwardingSession',
    parameters: { portNumber: [remote], localPortNumber: [localPort], ...(flags.host ? { host: [flags.host] } : {}) },
    reason: flags.reason,
  }, {
    onPortError: () => process.stdout.write('\nConnection to destination port failed, check SSM Agent logs.\n'),
  }).catch((err) => {
    server.close();
    throw err;
  });
  const { session, sessionId } = open;
  // AWS: the plugin's messages, on stdout, word for word.
  process.stdout.write(`\nStarting session with SessionId: ${sessionId}\n`);

  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    // AWS: on Ctrl-C the plugin sends the TerminateSession flag; the API call makes sure.
    const ack = session.terminate();
    void Promise.race([ack, new Promise((r) => setTimeout(r, 2000))])
      .then(() => open.terminate())
      .finally(() => session.close());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const ready = await Promise.race([session.ready, session.closed.then(() => null)]);
  let bridge: ReturnType<typeof bridgePort> | undefined;
  if (ready && !ready.multiplexed) {
    process.stderr.write('bosun port-forward: the node\'s agent does not multiplex port streams (too old); use aws ssm start-session with the plugin\n');
    await session.terminate();
    session.close();
  } else if (ready) {
    bridge = bridgePort(server, session, () => process.stdout.write(`\nConnection accepted for session [${sessionId}]\n`));
    process.stdout.write(`Port ${localPort} opened for sessionId ${sessionId}.\nWaiting for connections...\n`);
  }

  const closed = await session.closed;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  bridge?.close();
  server.close();
  if (interrupted) {
    process.stdout.write(`\n\nExiting session with sessionId: ${sessionId}.\n\n`);
    return 0;
  }
  if (!closed.byService) {
    process.stderr.write(`\nSession ${sessionId}: ${open.socketError() ?? closed.output}\n`);
    await open.terminate();
    return 1;
  }
  process.stdout.write(closed.output ? `\n\nSessionId: ${sessionId} : ${closed.output}\n\n` : `\n\nExiting session with sessionId: ${sessionId}.\n\n`);
  return ready?.multiplexed ? 0 : 1;
}
