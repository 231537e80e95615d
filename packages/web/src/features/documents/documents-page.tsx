import { useState } from 'react';
import { ListDocumentsCommand, type DocumentIdentifier } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { href } from '../../ui/router';
import { useAsync } from '../../ui/use-async';
import { DocumentView } from './document-view';
import { DocumentCreate } from './document-create';

export default function DocumentsPage({ route }: { route: string[] }) {
  if (route[0] === 'new') return <DocumentCreate />;
  if (route[0]) return <DocumentView key={route[0]} name={route[0]} />;
  return <DocumentList />;
}

function DocumentList() {
  const { ssm } = useConsole();
  const [owner, setOwner] = useState<'Self' | 'All'>('All');
  const docs = useAsync(async () => {
    const all: DocumentIdentifier[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new ListDocumentsCommand({ Filters: owner === 'Self' ? [{ Key: 'Owner', Values: ['Self'] }] : undefined, NextToken, MaxResults: 50 }));
      all.push(...(page.DocumentIdentifiers ?? []));
      NextToken = page.NextToken;
    } while (NextToken && all.length < 1000);
    return all;
  }, [owner]);
  return (
    <section>
      <div className="page-head">
        <h2>Documents</h2>
        <a className="button" href={href('documents', 'new')}>Create document</a>
      </div>
      <div className="toolbar">
        <label className="inline"><input type="radio" name="owner" checked={owner === 'All'} onChange={() => setOwner('All')} /> All</label>
        <label className="inline"><input type="radio" name="owner" checked={owner === 'Self'} onChange={() => setOwner('Self')} /> Owned by me</label>
      </div>
      <ErrorNote error={docs.error} />
      <div className="table-wrap">
        <table>
          <thead><tr><th>Name</th><th>Type</th><th>Format</th><th>Owner</th><th>Default version</th><th>Platforms</th></tr></thead>
          <tbody>
            {(docs.data ?? []).map((d) => (
              <tr key={d.Name}>
                <td><a href={href('documents', d.Name!)}>{d.Name}</a></td>
                <td>{d.DocumentType}</td>
                <td>{d.DocumentFormat}</td>
                <td>{d.Owner}</td>
                <td>{d.DocumentVersion}</td>
                <td>{d.PlatformTypes?.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
