import { useEffect, useRef } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, Compartment } from '@codemirror/state';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';

export interface CodeEditorProps {
  value: string;
  language: 'JSON' | 'YAML';
  readOnly: boolean;
  onChange?(value: string): void;
}

/** CodeMirror 6, loaded only when a document is opened (this module is its own chunk). */
export default function CodeEditor({ value, language, readOnly, onChange }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const settings = useRef(new Compartment());
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          settings.current.of(configure(language, readOnly)),
          EditorView.updateListener.of((u) => { if (u.docChanged) changed.current?.(u.state.doc.toString()); }),
        ],
      }),
    });
    return () => view.current?.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    view.current?.dispatch({ effects: settings.current.reconfigure(configure(language, readOnly)) });
  }, [language, readOnly]);
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return <div className="code-editor" ref={host} data-testid="code-editor" />;
}

function configure(language: 'JSON' | 'YAML', readOnly: boolean) {
  return [language === 'JSON' ? json() : yaml(), EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}
