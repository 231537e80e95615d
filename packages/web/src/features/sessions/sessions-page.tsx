import { lazy, Suspense, useState, type FormEvent } from 'react';
import { DescribeInstanceInformationCommand, DescribeSessionsCommand, StartSessionCommand, TerminateSessionCommand, type Session } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { statusClass, when } from '../../ui/format';
import { href, routeQuery } from '../../ui/router';
import { useAction, useAsync, useInterval } from '../../ui/use-async';
import type { StartedSession } from './shell-terminal';

// xterm.js and the session protocol are their own chunk, fetched when a terminal opens.
const ShellTerminal = lazy(() => import('./shell-terminal'));
const Replay = lazy(() => import('./replay'));

export default function SessionsPage({ route }: { route: string[] }) {
  if (route[0] === 'replay' && route[1]) return <ReplayPage sessionId={route[1]} />;
  return <SessionsHome />;
}

function SessionsHome() {
  const { ssm } = useConsole();
  const [target, setTarget] = useState(routeQuery().get('target') ?? '');
  const [documentName, setDocumentName] = useState('');
  const [started, setStarted] = useState<StartedSession>();
  const start = useAction();
  const nodes = useAsync(async () => (await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Online'] }], MaxResults: 50 }))).InstanceInformationList ?? [], []);
  const active = useAsync(() => listSessions(ssm, 'Active'), [started]);
  const history = useAsync(() => listSessions(ssm, 'History'), [started]);
  useInterval(() => { active.reload(); history.reload(); }, 5000, !active.error);

  const chosen = target || nodes.data?.[0]?.InstanceId || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await start.run(() => ssm.send(new StartSessionCommand({ Target: chosen, DocumentName: documentName || undefined })));
    if (r?.SessionId && r.TokenValue && r.StreamUrl) setStarted({ sessionId: r.SessionId, tokenValue: r.TokenValue, streamUrl: r.StreamUrl, target: chosen });
  }


  return (
    <section>
      <div className="page-head"><h2>Sessions</h2></div>
      {started ? (
        <Suspense fallback={<div className="terminal-host" />}>
          <ShellTerminal key={started.sessionId} session={started} onChanged={() => { active.reload(); history.reload(); }} onDismiss={() => setStarted(undefined)} />
        </Suspense>
      ) : (
        <form className="card toolbar" onSubmit={submit}>
          <label className="inline">Node
            <select name="target" value={chosen} onChange={(e) => setTarget(e.target.value)}>
              {(nodes.data ?? []).map((n) => <option key={n.InstanceId} value={n.InstanceId}>{n.InstanceId} {n.Name ?? n.ComputerName}</option>)}
              {target && !nodes.data?.some((n) => n.InstanceId === target) ? <option value={target}>{target}</option> : null}
            </select>
          </label>
          <input aria-label="Session document" placeholder="Document (default: shell)" value={documentName} onChange={(e) => setDocumentName(e.target.value)} />
          <button type="submit" className="primary" disabled={start.busy || !chosen}>Start session</button>
          <ErrorNote error={start.error ?? nodes.error} />
        </form>
      )}
      <h3>Active sessions</h3>
      <SessionTable state={active} terminate />
      <h3>Past sessions</h3>
      <SessionTable state={history} />
    </section>
  );
}

async function listSessions(ssm: ReturnType<typeof useConsole>['ssm'], State: 'Active' | 'History'): Promise<Session[]> {
  return (await ssm.send(new DescribeSessionsCommand({ State, MaxResults: 50 }))).Sessions ?? [];
}

function SessionTable({ state, terminate }: { state: { data?: Session[]; error: unknown; reload(): void }; terminate?: boolean }) {
  const { ssm } = useConsole();
  const action = useAction();
  if (state.error) return <ErrorNote error={state.error} />;
  if (!state.data) return null;
  if (state.data.length === 0) return <p className="muted">None.</p>;
  return (
    <>
      <ErrorNote error={action.error} />
      <div className="table-wrap">
        <table>
          <thead><tr><th>Session</th><th>Node</th><th>Owner</th><th>Status</th><th>Started</th><th>Ended</th><th></th></tr></thead>
          <tbody>
            {state.data.map((s) => (
              <tr key={s.SessionId} data-session={s.SessionId}>
                <td className="mono small">{s.SessionId}</td>
                <td className="mono small">{s.Target}</td>
                <td className="small">{s.Owner?.replace(/^arn:aws:[^:]+::\d+:/, '')}</td>
                <td><span className={statusClass(s.Status)}>{s.Status}</span></td>
                <td>{when(s.StartDate)}</td>
                <td>{when(s.EndDate)}</td>
                <td className="actions">
                  {terminate ? (
                    <button className="link" disabled={action.busy} onClick={() => action.run(async () => {
                      await ssm.send(new TerminateSessionCommand({ SessionId: s.SessionId! }));
                      state.reload();
                    })}>Terminate</button>
                  ) : null}
                  {s.OutputUrl?.S3OutputUrl ? <a href={href('sessions', 'replay', s.SessionId!)}>Replay</a> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ReplayPage({ sessionId }: { sessionId: string }) {
  const { ssm } = useConsole();
  const found = useAsync(async () => {
    for (const State of ['History', 'Active'] as const) {
      const s = (await listSessions(ssm, State)).find((x) => x.SessionId === sessionId);
      if (s) return s;
    }
    return undefined;
  }, [sessionId]);
  const url = found.data?.OutputUrl?.S3OutputUrl;
  return (
    <section>
      <div className="page-head"><h2><a href={href('sessions')}>Sessions</a> › <span className="mono">{sessionId}</span></h2></div>
      <ErrorNote error={found.error} />
      {found.data === undefined && !found.loading && !found.error ? <p className="muted">No such session.</p> : null}
      {found.data && !url ? <p className="muted">This session has no recording.</p> : null}
      {url ? <Suspense fallback={<div className="terminal-host" />}><Replay url={url} /></Suspense> : null}
    </section>
  );
}
