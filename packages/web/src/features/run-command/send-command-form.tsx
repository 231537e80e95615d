import { useEffect, useState, type FormEvent } from 'react';
import { DescribeDocumentCommand, DescribeInstanceInformationCommand, ListDocumentsCommand, SendCommandCommand, type DocumentParameter, type Target } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { navigate, routeQuery } from '../../ui/router';
import { useAction, useAsync } from '../../ui/use-async';

type TargetMode = 'ids' | 'tag';

export function SendCommandForm() {
  const { ssm } = useConsole();
  const [documentName, setDocumentName] = useState('AWS-RunShellScript');
  const [values, setValues] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<TargetMode>('ids');
  const [ids, setIds] = useState<string[]>(() => (routeQuery().get('targets') ?? '').split(',').filter(Boolean));
  const [tagKey, setTagKey] = useState('');
  const [tagValues, setTagValues] = useState('');
  const [maxConcurrency, setMaxConcurrency] = useState('50');
  const [maxErrors, setMaxErrors] = useState('0');
  const [timeout, setTimeoutSeconds] = useState('600');
  const [comment, setComment] = useState('');
  const send = useAction();

  const documents = useAsync(async () => {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new ListDocumentsCommand({ Filters: [{ Key: 'DocumentType', Values: ['Command'] }], NextToken, MaxResults: 50 }));
      names.push(...(page.DocumentIdentifiers ?? []).map((d) => d.Name!));
      NextToken = page.NextToken;
    } while (NextToken && names.length < 500);
    return names;
  }, []);
  const parameters = useAsync(async () => (await ssm.send(new DescribeDocumentCommand({ Name: documentName }))).Document?.Parameters ?? [], [documentName]);
  const nodes = useAsync(async () => (await ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 50 }))).InstanceInformationList ?? [], []);
  useEffect(() => setValues({}), [documentName]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const targets: { InstanceIds?: string[]; Targets?: Target[] } = mode === 'ids'
      ? { InstanceIds: ids }
      : { Targets: [{ Key: `tag:${tagKey.trim()}`, Values: tagValues.split(',').map((v) => v.trim()).filter(Boolean) }] };
    const result = await send.run(() => ssm.send(new SendCommandCommand({
      DocumentName: documentName,
      ...targets,
      Parameters: toParameters(parameters.data ?? [], values),
      MaxConcurrency: maxConcurrency || undefined,
      MaxErrors: maxErrors || undefined,
      TimeoutSeconds: timeout ? Number(timeout) : undefined,
      Comment: comment || undefined,
    })));
    if (result?.Command?.CommandId) navigate('run', result.Command.CommandId);
  }

  return (
    <form className="card form" onSubmit={submit}>
      <label>
        Document
        <select name="document" value={documentName} onChange={(e) => setDocumentName(e.target.value)}>
          {(documents.data ?? [documentName]).map((n) => <option key={n}>{n}</option>)}
        </select>
      </label>
      <ErrorNote error={documents.error ?? parameters.error} />
      {(parameters.data ?? []).map((p) => (
        <ParameterInput key={p.Name} parameter={p} value={values[p.Name!] ?? ''} onChange={(v) => setValues((old) => ({ ...old, [p.Name!]: v }))} />
      ))}
      <fieldset>
        <legend>Targets</legend>
        <div className="radios">
          <label className="inline"><input type="radio" name="mode" checked={mode === 'ids'} onChange={() => setMode('ids')} /> Choose nodes</label>
          <label className="inline"><input type="radio" name="mode" checked={mode === 'tag'} onChange={() => setMode('tag')} /> Specify a tag</label>
        </div>
        {mode === 'ids' ? (
          <div className="checklist">
            <ErrorNote error={nodes.error} />
            {(nodes.data ?? []).map((n) => (
              <label key={n.InstanceId} className="inline">
                <input
                  type="checkbox"
                  name="instance"
                  value={n.InstanceId}
                  checked={ids.includes(n.InstanceId!)}
                  onChange={(e) => setIds((old) => (e.target.checked ? [...old, n.InstanceId!] : old.filter((i) => i !== n.InstanceId)))}
                />
                <span className="mono">{n.InstanceId}</span> {n.Name ?? n.ComputerName} <span className="muted">{n.PingStatus}</span>
              </label>
            ))}
            {nodes.data?.length === 0 ? <span className="muted">No managed nodes.</span> : null}
          </div>
        ) : (
          <div className="row">
            <label>Tag key<input name="tagKey" value={tagKey} onChange={(e) => setTagKey(e.target.value)} required /></label>
            <label>Tag values (comma-separated)<input name="tagValues" value={tagValues} onChange={(e) => setTagValues(e.target.value)} required /></label>
          </div>
        )}
      </fieldset>
      <div className="row">
        <label>Concurrency<input name="maxConcurrency" value={maxConcurrency} onChange={(e) => setMaxConcurrency(e.target.value)} placeholder="50 or 10%" /></label>
        <label>Error threshold<input name="maxErrors" value={maxErrors} onChange={(e) => setMaxErrors(e.target.value)} placeholder="0 or 10%" /></label>
        <label>Timeout (seconds)<input name="timeout" type="number" min={30} max={2592000} value={timeout} onChange={(e) => setTimeoutSeconds(e.target.value)} /></label>
      </div>
      <label>Comment<input name="comment" maxLength={100} value={comment} onChange={(e) => setComment(e.target.value)} /></label>
      <ErrorNote error={send.error} />
      <div><button type="submit" className="primary" disabled={send.busy || (mode === 'ids' && ids.length === 0)}>Run</button></div>
    </form>
  );
}

function ParameterInput({ parameter, value, onChange }: { parameter: DocumentParameter; value: string; onChange(v: string): void }) {
  const list = parameter.Type === 'StringList';
  return (
    <label>
      {parameter.Name}{list ? ' (one per line)' : ''}
      {parameter.Description ? <span className="hint">{parameter.Description}</span> : null}
      {list || parameter.Name === 'commands' ? (
        <textarea name={`param-${parameter.Name}`} rows={4} className="mono" value={value} placeholder={parameter.DefaultValue} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input name={`param-${parameter.Name}`} value={value} placeholder={parameter.DefaultValue} onChange={(e) => onChange(e.target.value)} />
      )}
    </label>
  );
}

/** Form text → SendCommand Parameters: StringList one value per line; blanks fall back to defaults. */
function toParameters(spec: DocumentParameter[], values: Record<string, string>): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const p of spec) {
    const text = values[p.Name!];
    if (text === undefined || text.trim() === '') continue;
    out[p.Name!] = p.Type === 'StringList' ? text.split('\n').filter((l) => l.trim() !== '') : [text];
  }
  return Object.keys(out).length ? out : undefined;
}
