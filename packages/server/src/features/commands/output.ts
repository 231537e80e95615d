/**
 * Where an invocation's output lives. Every chunk is appended to the step's blob and to the
 * invocation's, so the full text is always there; the API shows AWS's heads of it.
 */
import type { Db } from '../../db/index';
import { blobUrl, blobsOf } from '../../blobs/index';
import { PLUGIN_OUTPUT_CHARS } from './limits';

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_') || '_';

export function outputKey(commandId: string, instanceId: string, stream: 'stdout' | 'stderr', step?: string): string {
  // Command ids are UUIDs: unique across accounts, so the key needs no account. One folder per
  // command, files named by node (ids have no dots) and step: a fan-out to thousands of nodes
  // made two folders per node before, and creating them was a fifth of the engine's time.
  const base = `commands/${safe(commandId)}/${safe(instanceId)}`;
  return step === undefined ? `${base}.${stream}` : `${base}.step.${safe(step)}.${stream}`;
}

/**
 * The first characters of each step's streams, kept in memory while the invocation runs, so
 * recording a result does not read files back. Dropped when the result is recorded; after a
 * restart the blob is read instead.
 */
const heads = new Map<string, string>();

export async function appendOutput(db: Db, commandId: string, instanceId: string, stream: 'stdout' | 'stderr', data: string, step?: string): Promise<void> {
  const { store } = blobsOf(db);
  // Both appends are queued before any await, so a result handled next reads them complete.
  if (step !== undefined) {
    const key = outputKey(commandId, instanceId, stream, step);
    const head = heads.get(key) ?? '';
    if (head.length < PLUGIN_OUTPUT_CHARS) heads.set(key, (head + data).slice(0, PLUGIN_OUTPUT_CHARS));
    // The step's other stream is known too from here on: empty until a chunk comes, so the
    // result does not look for a file that was never written.
    const other = outputKey(commandId, instanceId, stream === 'stdout' ? 'stderr' : 'stdout', step);
    if (!heads.has(other)) heads.set(other, '');
  }
  const writes = [store.append(outputKey(commandId, instanceId, stream), data)];
  if (step !== undefined) writes.push(store.append(outputKey(commandId, instanceId, stream, step), data));
  await Promise.all(writes);
}

export async function readOutput(db: Db, commandId: string, instanceId: string, stream: 'stdout' | 'stderr', maxChars: number, step?: string): Promise<string> {
  return blobsOf(db).store.readHead(outputKey(commandId, instanceId, stream, step), maxChars);
}

export function outputUrl(db: Db, commandId: string, instanceId: string, stream: 'stdout' | 'stderr', step?: string): string {
  return blobUrl(db, outputKey(commandId, instanceId, stream, step));
}

/** AWS: a plugin's Output is stdout, then stderr after an ERROR rule, cut at 2,500 characters. */
export async function pluginOutput(db: Db, commandId: string, instanceId: string, step: string): Promise<string> {
  const head = async (stream: 'stdout' | 'stderr'): Promise<string> => {
    const key = outputKey(commandId, instanceId, stream, step);
    const kept = heads.get(key);
    heads.delete(key);
    return kept ?? readOutput(db, commandId, instanceId, stream, PLUGIN_OUTPUT_CHARS, step);
  };
  const stdout = await head('stdout');
  const stderr = await head('stderr');
  const text = stderr ? `${stdout}\n----------ERROR-------\n${stderr}` : stdout;
  return text.slice(0, PLUGIN_OUTPUT_CHARS);
}
