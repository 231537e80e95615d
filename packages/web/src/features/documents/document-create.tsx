import { useState, type FormEvent } from 'react';
import { CreateDocumentCommand, type DocumentFormat, type DocumentType } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { href, navigate } from '../../ui/router';
import { useAction } from '../../ui/use-async';
import { EditorSlot } from './editor-slot';

const STARTERS: Record<string, string> = {
  JSON: JSON.stringify({
    schemaVersion: '2.2',
    description: 'Describe what this document does.',
    parameters: { message: { type: 'String', default: 'hello' } },
    mainSteps: [{ action: 'aws:runShellScript', name: 'run', inputs: { runCommand: ['echo {{ message }}'] } }],
  }, null, 2),
  YAML: `schemaVersion: '2.2'
description: Describe what this document does.
parameters:
  message:
    type: String
    default: hello
mainSteps:
  - action: aws:runShellScript
    name: run
    inputs:
      runCommand:
        - echo {{ message }}
`,
};

export function DocumentCreate() {
  const { ssm } = useConsole();
  const [name, setName] = useState('');
  const [type, setType] = useState<DocumentType>('Command');
  const [format, setFormat] = useState<DocumentFormat>('YAML');
  const [content, setContent] = useState(STARTERS.YAML);
  const create = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await create.run(() => ssm.send(new CreateDocumentCommand({ Name: name, Content: content, DocumentType: type, DocumentFormat: format })));
    if (r) navigate('documents', name);
  }

  return (
    <section>
      <div className="page-head"><h2><a href={href('documents')}>Documents</a> › Create</h2></div>
      <form className="card form" onSubmit={submit}>
        <div className="row">
          <label>Name<input name="name" value={name} onChange={(e) => setName(e.target.value)} required pattern="[a-zA-Z0-9_\-.]{3,128}" /></label>
          <label>Type
            <select value={type} onChange={(e) => setType(e.target.value as DocumentType)}>
              {['Command', 'Session', 'Automation'].map((t) => <option key={t}>{t}</option>)}
            </select>
          </label>
          <label>Format
            <select value={format} onChange={(e) => {
              const f = e.target.value as DocumentFormat;
              if (content === STARTERS[format]) setContent(STARTERS[f]);
              setFormat(f);
            }}>
              <option>YAML</option><option>JSON</option>
            </select>
          </label>
        </div>
        <EditorSlot value={content} language={format === 'JSON' ? 'JSON' : 'YAML'} readOnly={false} onChange={setContent} />
        <ErrorNote error={create.error} />
        <div><button type="submit" className="primary" disabled={create.busy}>Create document</button></div>
      </form>
    </section>
  );
}
