import { useState } from 'react';
import { DescribeParametersCommand, type ParameterMetadata } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { href, routeQuery } from '../../ui/router';
import { useAsync } from '../../ui/use-async';
import { buildTree, type TreeNode } from './tree';
import { ParameterDetail } from './parameter-detail';
import { ParameterForm } from './parameter-form';
import { ParameterSettings } from './parameter-settings';

export default function ParametersPage({ route }: { route: string[] }) {
  const { ssm } = useConsole();
  const selected = routeQuery().get('name') ?? undefined;
  const creating = route[0] === 'new';
  const settings = route[0] === 'settings';
  const list = useAsync(async () => {
    const all: ParameterMetadata[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new DescribeParametersCommand({ NextToken, MaxResults: 50 }));
      all.push(...(page.Parameters ?? []));
      NextToken = page.NextToken;
    } while (NextToken && all.length < 2000);
    return all;
  }, []);
  const tree = buildTree((list.data ?? []).map((p) => p.Name!));

  return (
    <section>
      <div className="page-head">
        <h2>Parameters</h2>
        <div className="buttons">
          <a className="button" href={href('parameters', 'settings')}>Settings</a>
          <a className="button" href={href('parameters', 'new')}>Create parameter</a>
        </div>
      </div>
      <ErrorNote error={list.error} />
      <div className="split">
        <nav className="tree card" aria-label="Parameter hierarchy">
          {list.data?.length === 0 ? <span className="muted">No parameters yet.</span> : null}
          <TreeBranch node={tree} selected={selected} />
        </nav>
        <div className="detail">
          {settings ? <ParameterSettings /> : null}
          {creating ? <ParameterForm onSaved={list.reload} /> : null}
          {!creating && !settings && selected ? <ParameterDetail key={selected} name={selected} onChanged={list.reload} /> : null}
          {!creating && !settings && !selected ? <p className="muted">Choose a parameter, or create one.</p> : null}
        </div>
      </div>
    </section>
  );
}

function TreeBranch({ node, selected }: { node: TreeNode; selected?: string }) {
  return (
    <ul>
      {[...node.children.values()].map((child) => <TreeItem key={child.path} node={child} selected={selected} />)}
    </ul>
  );
}

function TreeItem({ node, selected }: { node: TreeNode; selected?: string }) {
  const [open, setOpen] = useState(true);
  const folder = node.children.size > 0;
  return (
    <li>
      {folder ? <button className="twisty" aria-label={open ? 'Collapse' : 'Expand'} onClick={() => setOpen(!open)}>{open ? '▾' : '▸'}</button> : <span className="twisty" />}
      {node.parameter ? (
        <a href={`${href('parameters')}?name=${encodeURIComponent(node.parameter)}`} className={node.parameter === selected ? 'active' : undefined}>{node.name}</a>
      ) : (
        <span className="folder">{node.name}</span>
      )}
      {folder && open ? <TreeBranch node={node} selected={selected} /> : null}
    </li>
  );
}
