import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { CloudTrailClient, LookupEventsCommand, type Event, type LookupAttribute } from '@aws-sdk/client-cloudtrail';
import { clientConfig } from '../../aws/clients';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { when } from '../../ui/format';
import { useAction } from '../../ui/use-async';

interface Query {
  user: string;
  operation: string;
  from: string;
  to: string;
}

/** The audit log through CloudTrail LookupEvents: who did what, when, allowed or refused. */
export default function AuditPage() {
  const { session } = useConsole();
  const cloudtrail = useMemo(() => new CloudTrailClient(clientConfig(session)), [session]);
  const [query, setQuery] = useState<Query>({ user: '', operation: '', from: '', to: '' });
  const [events, setEvents] = useState<Event[]>();
  const [next, setNext] = useState<string>();
  const [open, setOpen] = useState<string>();
  const lookup = useAction();

  async function load(more: boolean) {
    // AWS: LookupEvents takes one lookup attribute; with both, the user is asked of the server
    // and the operation filtered here.
    const attributes: LookupAttribute[] = query.user
      ? [{ AttributeKey: 'Username', AttributeValue: query.user.trim() }]
      : query.operation ? [{ AttributeKey: 'EventName', AttributeValue: query.operation.trim() }] : [];
    const r = await lookup.run(() => cloudtrail.send(new LookupEventsCommand({
      LookupAttributes: attributes.length ? attributes : undefined,
      StartTime: query.from ? new Date(query.from) : undefined,
      EndTime: query.to ? new Date(query.to) : undefined,
      MaxResults: 50,
      NextToken: more ? next : undefined,
    })));
    if (!r) return;
    const page = (r.Events ?? []).filter((e) => !query.user || !query.operation || e.EventName === query.operation.trim());
    setEvents((old) => (more ? [...(old ?? []), ...page] : page));
    setNext(r.NextToken);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void load(false);
  }

  // First visit: the newest events.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(false), []);

  return (
    <section>
      <div className="page-head"><h2>Audit</h2></div>
      <form className="toolbar wrap" onSubmit={submit}>
        <input aria-label="User" placeholder="User name" value={query.user} onChange={(e) => setQuery({ ...query, user: e.target.value })} />
        <input aria-label="Operation" placeholder="Operation, e.g. PutParameter" value={query.operation} onChange={(e) => setQuery({ ...query, operation: e.target.value })} />
        <label className="inline">From <input type="datetime-local" value={query.from} onChange={(e) => setQuery({ ...query, from: e.target.value })} /></label>
        <label className="inline">To <input type="datetime-local" value={query.to} onChange={(e) => setQuery({ ...query, to: e.target.value })} /></label>
        <button type="submit" disabled={lookup.busy}>Search</button>
      </form>
      <ErrorNote error={lookup.error} />
      {events?.length === 0 ? <p className="muted">No events match.</p> : null}
      {events && events.length > 0 ? (
        <div className="table-wrap">
          <table className="audit">
            <thead><tr><th>Time</th><th>User</th><th>Operation</th><th>Source</th><th>Result</th><th>Resources</th></tr></thead>
            <tbody>
              {events.map((e) => {
                const record = parse(e.CloudTrailEvent);
                const failed = record.errorCode ?? (record.responseElements?.ConsoleLogin === 'Failure' ? 'Failure' : undefined);
                return [
                  <tr key={e.EventId} className="clickable" onClick={() => setOpen(open === e.EventId ? undefined : e.EventId)}>
                    <td>{when(e.EventTime)}</td>
                    <td>{e.Username}</td>
                    <td>{e.EventName}</td>
                    <td className="small">{e.EventSource?.replace('.amazonaws.com', '')}</td>
                    <td>{failed ? <span className="status status-bad">{failed}</span> : <span className="status status-ok">OK</span>}</td>
                    <td className="small">{(e.Resources ?? []).map((r) => r.ResourceName).join(', ')}</td>
                  </tr>,
                  open === e.EventId ? (
                    <tr key={`${e.EventId}-detail`}><td colSpan={6}><pre className="output">{JSON.stringify(record, null, 2)}</pre></td></tr>
                  ) : null,
                ];
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? <button onClick={() => load(true)} disabled={lookup.busy}>More</button> : null}
    </section>
  );
}

function parse(text: string | undefined): any {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}
