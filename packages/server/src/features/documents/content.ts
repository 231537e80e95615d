import crypto from 'node:crypto';
import YAML from 'yaml';
import { AwsError } from '../../operations/errors';

export type ContentFormat = 'JSON' | 'YAML' | 'TEXT';

/** AWS: document content is at most 64 KB. */
export const MAX_CONTENT_BYTES = 64 * 1024;

/** Parses content in the format the caller declared (JSON when none, as AWS defaults). */
export function parseContent(text: string, format: ContentFormat): unknown {
  if (Buffer.byteLength(text, 'utf8') > MAX_CONTENT_BYTES) {
    throw new AwsError('MaxDocumentSizeExceeded', `The content exceeds the maximum document size of ${MAX_CONTENT_BYTES} bytes.`);
  }
  if (format === 'TEXT') return text;
  try {
    if (format === 'JSON') return JSON.parse(text);
    const doc = YAML.parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length > 0) throw new Error(doc.errors[0].message);
    return doc.toJS();
  } catch (e) {
    const hint = format === 'JSON' && looksLikeYaml(text) ? ' The content looks like YAML: set DocumentFormat to YAML.' : '';
    throw new AwsError('InvalidDocumentContent', `The content is not valid ${format}: ${(e as Error).message.split('\n')[0]}.${hint}`);
  }
}

const looksLikeYaml = (text: string) => /^\s*[a-zA-Z_]+\s*:/m.test(text) && !text.trim().startsWith('{');

/** GetDocument's DocumentFormat conversion: the stored text when the format matches, else re-serialised. */
export function contentIn(text: string, storedFormat: ContentFormat, wanted: ContentFormat | undefined): string {
  if (!wanted || wanted === storedFormat || storedFormat === 'TEXT' || wanted === 'TEXT') return text;
  const value = parseContent(text, storedFormat);
  return wanted === 'JSON' ? JSON.stringify(value, null, 2) : YAML.stringify(value);
}

/** DocumentDescription.Hash: SHA-256 of the content as given. */
export const contentHash = (text: string): string => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The content's meaning, independent of format and whitespace: two versions are duplicates when
 * their parsed values are equal (AWS: DuplicateDocumentContent compares content, not bytes).
 */
export function canonicalHash(value: unknown): string {
  return contentHash(JSON.stringify(sortKeys(value)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
