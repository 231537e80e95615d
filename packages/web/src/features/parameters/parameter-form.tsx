import { useState, type FormEvent } from 'react';
import { PutParameterCommand, type ParameterType } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { useAction } from '../../ui/use-async';

export interface ExistingParameter {
  name: string;
  type: string;
  /** Undefined for a SecureString that was not decrypted: the user types a new value. */
  value?: string;
  description?: string;
}

/** PutParameter: a new parameter, or a new version of an existing one (Overwrite). */
export function ParameterForm({ existing, onSaved, onCancel }: { existing?: ExistingParameter; onSaved(): void; onCancel?(): void }) {
  const { ssm } = useConsole();
  const [name, setName] = useState(existing?.name ?? '');
  const [type, setType] = useState<ParameterType>((existing?.type as ParameterType) ?? 'String');
  const [value, setValue] = useState(existing?.value ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [keyId, setKeyId] = useState('');
  const save = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await save.run(() => ssm.send(new PutParameterCommand({
      Name: name,
      Type: type,
      Value: value,
      Description: description || undefined,
      KeyId: type === 'SecureString' && keyId ? keyId : undefined,
      Overwrite: existing ? true : undefined,
    })));
    if (!r) return;
    onSaved();
    window.location.hash = `#/parameters?name=${encodeURIComponent(name)}`;
  }

  return (
    <form className="card form" onSubmit={submit}>
      <h3>{existing ? `Edit ${existing.name}` : 'Create parameter'}</h3>
      {!existing ? <label>Name<input name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder="/app/prod/db-password" required /></label> : null}
      <label>Description<input name="description" value={description} onChange={(e) => setDescription(e.target.value)} /></label>
      <fieldset>
        <legend>Type</legend>
        <div className="radios">
          {(['String', 'StringList', 'SecureString'] as const).map((t) => (
            <label key={t} className="inline">
              <input type="radio" name="type" value={t} checked={type === t} disabled={!!existing && existing.type !== t && (existing.type === 'SecureString' || t === 'SecureString')} onChange={() => setType(t)} /> {t}
            </label>
          ))}
        </div>
      </fieldset>
      {type === 'SecureString' ? (
        <label>KMS key (optional; alias/aws/ssm by default)<input name="keyId" value={keyId} onChange={(e) => setKeyId(e.target.value)} placeholder="alias/aws/ssm" /></label>
      ) : null}
      <label>
        Value{type === 'StringList' ? ' (comma-separated)' : ''}
        <textarea name="value" rows={4} className="mono" value={value} onChange={(e) => setValue(e.target.value)}
          placeholder={existing?.type === 'SecureString' && existing.value === undefined ? 'Enter the new value (the current one stays hidden)' : ''} required />
      </label>
      <ErrorNote error={save.error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={save.busy}>{existing ? 'Save new version' : 'Create'}</button>
        {onCancel ? <button type="button" onClick={onCancel}>Cancel</button> : <a className="button" href="#/parameters">Cancel</a>}
      </div>
    </form>
  );
}
