import { parseContent } from '../content';
import { validateContent, type DocumentFacts } from '../validate';
import { awsRunDocument } from './aws-run-document';
import { awsRunShellScript } from './aws-run-shell-script';
import { sessionDocuments } from './session-documents';

/** A document owned by Amazon: in every account and region, one version, never changed by callers. */
export interface BuiltinDocument extends DocumentFacts {
  name: string;
  documentType: string;
  content: string;
  parsed: unknown;
  /** AWS: built-ins report a fixed creation date; Bosun uses the day built-ins first shipped. */
  createdDate: Date;
}

const SHIPPED = new Date('2026-01-01T00:00:00Z');

function builtin(source: { name: string; documentType: string; content: string }): BuiltinDocument {
  const parsed = parseContent(source.content, 'JSON');
  return { ...source, ...validateContent(source.documentType, parsed), parsed, createdDate: SHIPPED };
}

const builtins = new Map<string, BuiltinDocument>([awsRunShellScript, awsRunDocument, ...sessionDocuments].map((s) => [s.name, builtin(s)]));

/** Later features add theirs (AWS-RunPatchBaseline…) here, at start. */
export function registerBuiltinDocument(source: { name: string; documentType: string; content: string }): void {
  builtins.set(source.name, builtin(source));
}

export const findBuiltin = (name: string): BuiltinDocument | undefined => builtins.get(name);
export const allBuiltins = (): BuiltinDocument[] => [...builtins.values()].sort((a, b) => a.name.localeCompare(b.name));
