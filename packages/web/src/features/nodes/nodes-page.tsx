import { useState, type FormEvent } from 'react';
import { DescribeInstanceInformationCommand, ListTagsForResourceCommand, type InstanceInformation, type InstanceInformationStringFilter } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { useAsync, useInterval } from '../../ui/use-async';
import { statusClass, when } from '../../ui/format';
import { href } from '../../ui/router';
import { parseTagFilter } from './tag-filter';

export interface NodeRow extends InstanceInformation {
  Tags?: Record<string, string>;
}

export function NodesPage() {
  const { ssm } = useConsole();
  const [filterText, setFilterText] = useState('');
  const [filters, setFilters] = useState<InstanceInformationStringFilter[]>([]);
  const [filterError, setFilterError] = useState<string>();

  const nodes = useAsync(async () => {
    const list: NodeRow[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new DescribeInstanceInformationCommand({ Filters: filters.length ? filters : undefined, NextToken, MaxResults: 50 }));
      list.push(...(page.InstanceInformationList ?? []));
      NextToken = page.NextToken;
    } while (NextToken && list.length < 1000);
    // Tags come from the tagging API; a caller allowed to list nodes may not be allowed to read tags.
    await Promise.all(list.slice(0, 200).map(async (node) => {
      try {
        const { TagList = [] } = await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: node.InstanceId! }));
        node.Tags = Object.fromEntries(TagList.map((t) => [t.Key!, t.Value ?? '']));
      } catch {
        node.Tags = undefined;
      }
    }));
    return list;
  }, [filters]);
  useInterval(nodes.reload, 15_000, !nodes.error);

  function applyFilter(e: FormEvent) {
    e.preventDefault();
    const parsed = parseTagFilter(filterText);
    if ('error' in parsed) return setFilterError(parsed.error);
    setFilterError(undefined);
    setFilters(parsed.filters);
  }

  return (
    <section>
      <div className="page-head">
        <h2>Managed nodes</h2>
        <button onClick={nodes.reload} disabled={nodes.loading}>Refresh</button>
      </div>
      <form className="toolbar" onSubmit={applyFilter}>
        <input aria-label="Filter by tag" placeholder="Filter by tag: Key=Value, or Key" value={filterText} onChange={(e) => setFilterText(e.target.value)} />
        <button type="submit">Filter</button>
        {filters.length ? <button type="button" className="link" onClick={() => { setFilterText(''); setFilters([]); }}>Clear</button> : null}
      </form>
      {filterError ? <div className="note note-error">{filterError}</div> : null}
      <ErrorNote error={nodes.error} />
      {nodes.data && nodes.data.length === 0 ? <p className="muted">No managed nodes{filters.length ? ' match this filter' : ''}. Register one with an activation (see the README).</p> : null}
      {nodes.data && nodes.data.length > 0 ? (
        <div className="table-wrap">
          <table className="nodes stack">
            <thead>
              <tr><th>Node</th><th>Name</th><th>Ping status</th><th>Platform</th><th>IP address</th><th>Agent</th><th>Last ping</th><th>Tags</th><th></th></tr>
            </thead>
            <tbody>
              {nodes.data.map((n) => (
                <tr key={n.InstanceId} data-node={n.InstanceId}>
                  <td className="mono" data-label="Node">{n.InstanceId}</td>
                  <td data-label="Name">{n.Name ?? n.ComputerName}</td>
                  <td data-label="Ping status"><span className={statusClass(n.PingStatus)}>{n.PingStatus}</span></td>
                  <td data-label="Platform">{[n.PlatformName, n.PlatformVersion].filter(Boolean).join(' ') || n.PlatformType}</td>
                  <td className="mono" data-label="IP address">{n.IPAddress}</td>
                  <td data-label="Agent">{n.AgentVersion}</td>
                  <td data-label="Last ping">{when(n.LastPingDateTime)}</td>
                  <td data-label="Tags">{n.Tags ? Object.entries(n.Tags).map(([k, v]) => <span key={k} className="tag">{k}={v}</span>) : <span className="muted">—</span>}</td>
                  <td className="actions">
                    <a href={`${href('run')}?targets=${encodeURIComponent(n.InstanceId!)}`}>Run command</a>
                    <a href={`${href('sessions')}?target=${encodeURIComponent(n.InstanceId!)}`}>Shell</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
