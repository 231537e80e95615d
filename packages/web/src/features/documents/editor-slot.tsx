import { lazy, Suspense } from 'react';
import type { CodeEditorProps } from './code-editor';

// CodeMirror is its own chunk, fetched the first time a document is shown.
const CodeEditor = lazy(() => import('./code-editor'));

export function EditorSlot(props: CodeEditorProps) {
  return <Suspense fallback={<pre className="output">Loading editor…</pre>}><CodeEditor {...props} /></Suspense>;
}
