import { useEffect, useState } from 'react';
import { DescribeDocumentCommand, GetDocumentCommand, ListDocumentVersionsCommand, UpdateDocumentCommand, UpdateDocumentDefaultVersionCommand, type DocumentFormat, type DocumentVersionInfo } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { statusClass, when } from '../../ui/format';
import { href } from '../../ui/router';
import { useAction, useAsync } from '../../ui/use-async';
import { EditorSlot } from './editor-slot';

/** One document: facts, any version's content as JSON or YAML, editing, versions and the default. */
export function DocumentView({ name }: { name: string }) {
  const { ssm } = useConsole();
  const [version, setVersion] = useState<string>();
  const [format, setFormat] = useState<DocumentFormat>('JSON');
  const [draft, setDraft] = useState<string>();
  const save = useAction();
  const makeDefault = useAction();

  const description = useAsync(async () => (await ssm.send(new DescribeDocumentCommand({ Name: name }))).Document, [name]);
  const versions = useAsync(async () => {
    const all: DocumentVersionInfo[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new ListDocumentVersionsCommand({ Name: name, NextToken, MaxResults: 50 }));
      all.push(...(page.DocumentVersions ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return all;
  }, [name]);
  const content = useAsync(async () => (await ssm.send(new GetDocumentCommand({ Name: name, DocumentVersion: version, DocumentFormat: format }))).Content ?? '', [name, version, format]);
  useEffect(() => setDraft(undefined), [version, format]);

  const d = description.data;
  const editing = draft !== undefined;

  async function saveDraft() {
    const r = await save.run(() => ssm.send(new UpdateDocumentCommand({ Name: name, Content: draft!, DocumentFormat: format, DocumentVersion: '$LATEST' })));
    if (!r) return;
    setDraft(undefined);
    setVersion(r.DocumentDescription?.DocumentVersion);
    description.reload();
    versions.reload();
  }

  return (
    <section>
      <div className="page-head"><h2><a href={href('documents')}>Documents</a> › {name}</h2></div>
      <ErrorNote error={description.error} />
      {d ? (
        <dl className="facts">
          <dt>Type</dt><dd>{d.DocumentType}</dd>
          <dt>Owner</dt><dd>{d.Owner}</dd>
          <dt>Status</dt><dd><span className={statusClass(d.Status)}>{d.Status}</span></dd>
          <dt>Versions</dt><dd>default {d.DefaultVersion}, latest {d.LatestVersion}</dd>
          <dt>Created</dt><dd>{when(d.CreatedDate)}</dd>
          {d.Description ? (<><dt>Description</dt><dd>{d.Description}</dd></>) : null}
        </dl>
      ) : null}
      <div className="toolbar">
        <label className="inline">Version
          <select value={version ?? ''} onChange={(e) => setVersion(e.target.value || undefined)}>
            <option value="">default</option>
            {(versions.data ?? []).map((v) => <option key={v.DocumentVersion} value={v.DocumentVersion}>{v.DocumentVersion}{v.IsDefaultVersion ? ' (default)' : ''}</option>)}
          </select>
        </label>
        <label className="inline"><input type="radio" name="format" checked={format === 'JSON'} onChange={() => setFormat('JSON')} /> JSON</label>
        <label className="inline"><input type="radio" name="format" checked={format === 'YAML'} onChange={() => setFormat('YAML')} /> YAML</label>
        {!editing ? <button onClick={() => setDraft(content.data ?? '')} disabled={content.data === undefined}>Edit</button> : null}
        {editing ? <button className="primary" onClick={saveDraft} disabled={save.busy}>Save as new version</button> : null}
        {editing ? <button onClick={() => { setDraft(undefined); save.clear(); }}>Discard</button> : null}
      </div>
      <ErrorNote error={content.error ?? save.error} />
      {content.data !== undefined ? <EditorSlot value={draft ?? content.data} language={format === 'YAML' ? 'YAML' : 'JSON'} readOnly={!editing} onChange={setDraft} /> : null}
      <h3>Versions</h3>
      <ErrorNote error={versions.error ?? makeDefault.error} />
      <div className="table-wrap">
        <table>
          <thead><tr><th>Version</th><th>Name</th><th>Created</th><th>Format</th><th>Status</th><th></th></tr></thead>
          <tbody>
            {(versions.data ?? []).map((v) => (
              <tr key={v.DocumentVersion}>
                <td>{v.DocumentVersion}</td>
                <td>{v.VersionName}</td>
                <td>{when(v.CreatedDate)}</td>
                <td>{v.DocumentFormat}</td>
                <td>{v.Status}</td>
                <td>
                  {v.IsDefaultVersion ? <span className="tag">default</span> : (
                    <button className="link" disabled={makeDefault.busy} onClick={() => makeDefault.run(async () => {
                      await ssm.send(new UpdateDocumentDefaultVersionCommand({ Name: name, DocumentVersion: v.DocumentVersion! }));
                      versions.reload();
                      description.reload();
                    })}>Make default</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
