/**
 * Where an invocation's output lives. Every chunk is appended to the invocation's blob and, when
 * the document has more than one step, to the step's, so the full text is always there; the
 * API shows AWS's heads of it.
 */
import type { Db } from '../../db/index';
import { blobUrl, blobsOf } from '../../blobs/index';
import { PLUGIN_OUTPUT_CHARS } from './limits';
import { getCommand, type CommandRow } from './store';

const SAFE = /^[A-Za-z0-9._-]+$/;
// Ids are almost always safe already: tested, not rewritten, for each of a fan-out's chunks.
const safe = (s: string): string => (SAFE.test(s) ? s : s.replace(/[^A-Za-z0-9._-]/g, '_') || '_');

export function outputKey(commandId: string, instanceId: string, stream: 'stdout' | 'stderr', step?: string): string {
  // Command ids are UUIDs: unique across accounts, so the key needs no account. One folder per
  // command, files named by node (ids have no dots) and step: a fan-out to thousands of nodes
  // made two folders per node before, and creating them was a fifth of the engine's time.
  const base = `commands/${safe(commandId)}/${safe(instanceId)}`;
  return step === undefined ? `${base}.${stream}` : `${base}.step.${safe(step)}.${stream}`;
}

/** What the output functions need of a command: its id and its document's steps. */
export type CommandOfOutput = Pick<CommandRow, 'command_id' | 'document_snapshot'>;

/**
 * How many steps each command's document has. A one-step document's step output is the
 * invocation's output, so it is kept once, under the invocation's key: creating a file costs
 * ~160 us on the development machine's ext4, and a fan-out made two per node and stream.
 * Snapshots never change, so the count is remembered (bounded: cleared when it grows large).
 */
const stepCounts = new Map<string, number | Promise<number>>();
const MAX_REMEMBERED = 20_000;

function remember(commandId: string, count: number | Promise<number>): void {
  if (stepCounts.size >= MAX_REMEMBERED) stepCounts.clear();
  stepCounts.set(commandId, count);
}

const countOf = (snapshot: string): number => (JSON.parse(snapshot) as { steps: unknown[] }).steps.length;

function stepCountOf(command: CommandOfOutput): number {
  const known = stepCounts.get(command.command_id);
  if (typeof known === 'number') return known;
  const count = countOf(command.document_snapshot);
  remember(command.command_id, count);
  return count;
}

/** The step count of a command known by id only (a node's output); a read on first use after a restart. */
function stepCountById(db: Db, commandId: string): number | Promise<number> {
  const known = stepCounts.get(commandId);
  if (known !== undefined) return known;
  // Chunks arriving meanwhile wait on the same promise, so they are appended in arrival order.
  const lookup = getCommand(db, commandId).then((row) => {
    const count = row ? countOf(row.document_snapshot) : 0;
    if (stepCounts.get(commandId) === lookup) remember(commandId, count);
    return count;
  });
  remember(commandId, lookup);
  return lookup;
}

/** The blob holding a step's (or, without a step, the invocation's) output. */
function blobKeyOf(command: CommandOfOutput, instanceId: string, stream: 'stdout' | 'stderr', step?: string): string {
  return outputKey(command.command_id, instanceId, stream, step !== undefined && stepCountOf(command) !== 1 ? step : undefined);
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
  const write = (steps: number): Promise<unknown> => {
    const writes = [store.append(outputKey(commandId, instanceId, stream), data)];
    if (step !== undefined && steps !== 1) writes.push(store.append(outputKey(commandId, instanceId, stream, step), data));
    return Promise.all(writes);
  };
  const steps = stepCountById(db, commandId);
  await (typeof steps === 'number' ? write(steps) : steps.then(write));
}

export async function readOutput(db: Db, command: CommandOfOutput, instanceId: string, stream: 'stdout' | 'stderr', maxChars: number, step?: string): Promise<string> {
  return blobsOf(db).store.readHead(blobKeyOf(command, instanceId, stream, step), maxChars);
}

export function outputUrl(db: Db, command: CommandOfOutput, instanceId: string, stream: 'stdout' | 'stderr', step?: string): string {
  return blobUrl(db, blobKeyOf(command, instanceId, stream, step));
}

/** AWS: a plugin's Output is stdout, then stderr after an ERROR rule, cut at 2,500 characters. */
export async function pluginOutput(db: Db, command: CommandOfOutput, instanceId: string, step: string): Promise<string> {
  const head = async (stream: 'stdout' | 'stderr'): Promise<string> => {
    const key = outputKey(command.command_id, instanceId, stream, step);
    const kept = heads.get(key);
    heads.delete(key);
    return kept ?? readOutput(db, command, instanceId, stream, PLUGIN_OUTPUT_CHARS, step);
  };
  const stdout = await head('stdout');
  const stderr = await head('stderr');
  const text = stderr ? `${stdout}\n----------ERROR-------\n${stderr}` : stdout;
  return text.slice(0, PLUGIN_OUTPUT_CHARS);
}
