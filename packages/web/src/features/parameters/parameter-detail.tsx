import { useState, type FormEvent } from 'react';
import { DeleteParameterCommand, GetParameterCommand, GetParameterHistoryCommand, LabelParameterVersionCommand, UnlabelParameterVersionCommand, type ParameterHistory } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { when } from '../../ui/format';
import { navigate } from '../../ui/router';
import { useAction, useAsync } from '../../ui/use-async';
import { ParameterForm } from './parameter-form';

const HIDDEN = '••••••••';

export function ParameterDetail({ name, onChanged }: { name: string; onChanged(): void }) {
  const { ssm } = useConsole();
  const [editing, setEditing] = useState(false);
  const [plain, setPlain] = useState<string>();
  const decrypt = useAction();
  const change = useAction();
  const parameter = useAsync(async () => (await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: false }))).Parameter, [name]);
  const history = useAsync(async () => {
    const all: ParameterHistory[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new GetParameterHistoryCommand({ Name: name, NextToken, MaxResults: 50 }));
      all.push(...(page.Parameters ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return all.reverse();
  }, [name]);
  const p = parameter.data;
  const secure = p?.Type === 'SecureString';

  function refresh() {
    parameter.reload();
    history.reload();
    setPlain(undefined);
    onChanged();
  }

  if (editing && p) {
    return <ParameterForm existing={{ name, type: p.Type!, value: secure ? plain : p.Value, description: history.data?.[0]?.Description }} onSaved={() => { setEditing(false); refresh(); }} onCancel={() => setEditing(false)} />;
  }
  return (
    <div className="card" data-parameter={name}>
      <div className="page-head">
        <h3 className="mono">{name}</h3>
        <div className="buttons">
          <button onClick={() => setEditing(true)} disabled={!p}>Edit</button>
          <button className="danger" disabled={change.busy} onClick={() => {
            if (!window.confirm(`Delete ${name} and all its versions?`)) return;
            void change.run(async () => { await ssm.send(new DeleteParameterCommand({ Name: name })); onChanged(); navigate('parameters'); });
          }}>Delete</button>
        </div>
      </div>
      <ErrorNote error={parameter.error ?? change.error} />
      {p ? (
        <dl className="facts">
          <dt>Type</dt><dd>{p.Type}</dd>
          <dt>Version</dt><dd>{p.Version}</dd>
          <dt>Last modified</dt><dd>{when(p.LastModifiedDate)}</dd>
          <dt>Data type</dt><dd>{p.DataType}</dd>
          <dt>Value</dt>
          <dd>
            <pre className="value" data-testid="parameter-value">{secure ? plain ?? HIDDEN : p.Value}</pre>
            {secure && plain === undefined ? (
              <button disabled={decrypt.busy} onClick={() => decrypt.run(async () => {
                const r = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
                setPlain(r.Parameter?.Value ?? '');
              })}>Decrypt</button>
            ) : null}
            {secure && plain !== undefined ? <button onClick={() => setPlain(undefined)}>Hide</button> : null}
            <ErrorNote error={decrypt.error} />
          </dd>
        </dl>
      ) : null}
      <h4>History</h4>
      <ErrorNote error={history.error} />
      <div className="table-wrap">
        <table>
          <thead><tr><th>Version</th><th>Modified</th><th>By</th><th>Value</th><th>Labels</th></tr></thead>
          <tbody>
            {(history.data ?? []).map((h) => (
              <tr key={h.Version}>
                <td>{h.Version}</td>
                <td>{when(h.LastModifiedDate)}</td>
                <td className="small">{h.LastModifiedUser?.replace(/^arn:aws:[^:]+::\d+:/, '')}</td>
                <td className="mono small clip">{h.Type === 'SecureString' ? HIDDEN : h.Value}</td>
                <td>
                  {(h.Labels ?? []).map((l) => (
                    <span key={l} className="tag">
                      {l}
                      <button className="tag-x" aria-label={`Remove label ${l}`} onClick={() => change.run(async () => {
                        await ssm.send(new UnlabelParameterVersionCommand({ Name: name, ParameterVersion: h.Version!, Labels: [l] }));
                        history.reload();
                      })}>×</button>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LabelForm name={name} latest={p?.Version} onLabelled={history.reload} />
    </div>
  );
}

function LabelForm({ name, latest, onLabelled }: { name: string; latest?: number; onLabelled(): void }) {
  const { ssm } = useConsole();
  const [label, setLabel] = useState('');
  const [version, setVersion] = useState('');
  const [invalid, setInvalid] = useState<string[]>([]);
  const action = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await action.run(() => ssm.send(new LabelParameterVersionCommand({ Name: name, Labels: [label], ParameterVersion: version ? Number(version) : undefined })));
    if (!r) return;
    setInvalid(r.InvalidLabels ?? []);
    if (!r.InvalidLabels?.length) setLabel('');
    onLabelled();
  }
  return (
    <form className="toolbar" onSubmit={submit}>
      <input aria-label="Label" placeholder="Label" value={label} onChange={(e) => setLabel(e.target.value)} required />
      <input aria-label="Version" type="number" min={1} placeholder={latest ? `Version (${latest})` : 'Version'} value={version} onChange={(e) => setVersion(e.target.value)} />
      <button type="submit" disabled={action.busy}>Add label</button>
      <ErrorNote error={action.error} />
      {invalid.length ? <div className="note note-error">Invalid labels: {invalid.join(', ')}</div> : null}
    </form>
  );
}
