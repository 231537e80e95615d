import type { BlobStore } from './directory-store';

/** A blob's whole text read through `open` (tests); undefined when it does not exist. */
export async function streamedText(store: BlobStore, key: string): Promise<string | undefined> {
  const stream = await store.open(key);
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(parts).toString('utf8');
}
