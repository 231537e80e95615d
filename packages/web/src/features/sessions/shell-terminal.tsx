import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { ClientSession } from '@bosun/protocol/session/index';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { useAction } from '../../ui/use-async';

export interface StartedSession {
  sessionId: string;
  tokenValue: string;
  streamUrl: string;
  target: string;
}

type Phase = 'connecting' | 'connected' | 'closed';

/**
 * A shell in the browser: xterm.js on one side, the Session Manager data channel on the other
 * (the same ClientSession the CLI uses), over a WebSocket to StartSession's StreamUrl.
 */
/** `onChanged` fires when the session connects and when it ends (lists of sessions want a refresh). */
export default function ShellTerminal({ session, onChanged, onDismiss }: { session: StartedSession; onChanged(): void; onDismiss(): void }) {
  const { ssm } = useConsole();
  const host = useRef<HTMLDivElement>(null);
  const client = useRef<ClientSession | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>('connecting');
  const [ending, setEnding] = useState<string>();
  const terminate = useAction();
  const changed = useRef(onChanged);
  changed.current = onChanged;

  useEffect(() => {
    const term = new Terminal({ cursorBlink: true, fontSize: 13, fontFamily: 'ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace', scrollback: 5000 });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current!);
    fit.fit();
    const encoder = new TextEncoder();
    const socket = new WebSocket(session.streamUrl);
    const cs = new ClientSession({
      socket,
      tokenValue: session.tokenValue,
      onOutput: (bytes) => term.write(bytes),
      onExit: (code) => term.write(`\r\n\x1b[2m[exit ${code}]\x1b[0m\r\n`),
      onClose: (info) => {
        term.write(`\r\n\x1b[2m[session closed${info.output ? `: ${info.output.trim()}` : ''}]\x1b[0m\r\n`);
        setEnding(info.output);
        setPhase('closed');
        changed.current();
      },
    });
    client.current = cs;
    void cs.ready.then(() => {
      setPhase((p) => (p === 'closed' ? p : 'connected'));
      changed.current();
      cs.resize(term.cols, term.rows);
      term.focus();
    });
    const input = term.onData((data) => {
      try {
        cs.write(encoder.encode(data));
      } catch {
        // closed: the terminal already says so
      }
    });
    const resized = term.onResize(({ cols, rows }) => {
      try {
        cs.resize(cols, rows);
      } catch {
        // closed
      }
    });
    const onWindow = () => fit.fit();
    window.addEventListener('resize', onWindow);
    return () => {
      window.removeEventListener('resize', onWindow);
      input.dispose();
      resized.dispose();
      cs.close();
      term.dispose();
    };
  }, [session]);

  async function end() {
    await terminate.run(async () => {
      // Ask the agent first (as the plugin does), then the API, which closes the channel for good.
      await Promise.race([client.current?.terminate(), new Promise((r) => setTimeout(r, 2000))]);
      await ssm.send(new TerminateSessionCommand({ SessionId: session.sessionId }));
    });
  }

  return (
    <div className="card terminal-card">
      <div className="page-head">
        <span><span className="mono">{session.target}</span> · <span className="mono small">{session.sessionId}</span> · <span className={phase === 'connected' ? 'status status-ok' : phase === 'closed' ? 'status status-bad' : 'status status-busy'} data-testid="session-phase">{phase}</span></span>
        <div className="buttons">
          {phase !== 'closed' ? <button className="danger" onClick={end} disabled={terminate.busy}>Terminate</button> : <button onClick={onDismiss}>Close</button>}
        </div>
      </div>
      <ErrorNote error={terminate.error} />
      <div className="terminal-host" ref={host} data-testid="terminal" />
      {phase === 'closed' && ending ? <p className="muted small">{ending}</p> : null}
    </div>
  );
}
