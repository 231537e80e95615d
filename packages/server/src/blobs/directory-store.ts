/**
 * The default blob store: one file per key under a directory (the data dir's `blobs/`).
 * Keys are slash-separated paths made of safe characters only, so a key can never climb out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Pack } from './pack';
import { keyQueue } from './key-queue';

export interface BlobStore {
  /** Appends to the blob, creating it (and its folders) on first write. */
  append(key: string, data: string): Promise<void>;
  /** The blob's text from the start, at most `maxChars` characters; '' when it does not exist. */
  readHead(key: string, maxChars?: number): Promise<string>;
  /** A readable stream of the whole blob, or undefined when it does not exist. */
  open(key: string): Promise<NodeJS.ReadableStream | undefined>;
}

const SAFE_KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
/** A `.` or `..` path part. */
const DOT_PART = /(^|\/)\.\.?(\/|$)/;

export function isSafeKey(key: string): boolean {
  return SAFE_KEY.test(key) && !DOT_PART.test(key);
}

export interface DirectoryStoreOptions {
  /**
   * Top-level folders whose keys are packed: `<top>/<folder>/<name>` is kept in the pack of
   * `<top>/<folder>` (see pack.ts), not in a file of its own. Default: `commands` (one pack per
   * command's output).
   */
  packed?: string[];
}

/** Packs remembered at once; older idle ones are forgotten and rescanned when used again. */
const MAX_PACKS = 256;

export function directoryBlobStore(dir: string, options: DirectoryStoreOptions = {}): BlobStore {
  const fileOf = (key: string): string => {
    if (!isSafeKey(key)) throw new Error(`unsafe blob key: ${key}`);
    return path.join(dir, key);
  };
  const packedTops = new Set(options.packed ?? ['commands']);
  const packs = new Map<string, Pack>();
  /** The pack and the blob's name in it, for a packed key. */
  const packOf = (key: string): { pack: Pack; name: string } | undefined => {
    const parts = key.split('/');
    if (parts.length !== 3 || !packedTops.has(parts[0])) return undefined;
    const folder = path.join(dir, parts[0], parts[1]);
    let pack = packs.get(folder);
    if (!pack) {
      pack = new Pack(folder);
      packs.set(folder, pack);
      if (packs.size > MAX_PACKS) {
        for (const [name, old] of packs) if (old !== pack && old.idleNow) { packs.delete(name); break; }
      }
    }
    return { pack, name: parts[2] };
  };
  const queue = keyQueue();
  // Folders already made: a fan-out appends thousands of chunks, each needing no mkdir after the first.
  const made = new Set<string>();
  return {
    append(key, data) {
      const file = fileOf(key);
      const packed = packOf(key);
      if (packed) return packed.pack.append(packed.name, data);
      return queue.run(key, async () => {
        const dirName = path.dirname(file);
        if (!made.has(dirName)) { await fs.promises.mkdir(dirName, { recursive: true }); made.add(dirName); }
        // The callback appendFile, not fs.promises': no FileHandle and a third of the promises,
        // which was most of the main thread's share of a fan-out's thousands of small appends.
        await new Promise<void>((resolve, reject) => fs.appendFile(file, data, 'utf8', (err) => (err ? reject(err) : resolve())));
      });
    },
    async readHead(key, maxChars) {
      fileOf(key);
      await queue.idle(key);
      const packed = packOf(key);
      // A blob written before packing existed is still its own file.
      if (packed?.pack.has(packed.name)) {
        const bytes = await packed.pack.read(packed.name, maxChars === undefined ? Infinity : maxChars * 4);
        const text = bytes?.toString('utf8') ?? '';
        return maxChars === undefined ? text : text.slice(0, maxChars);
      }
      let text: string;
      try {
        // A UTF-8 character is at most 4 bytes: read enough bytes for maxChars characters.
        const handle = await fs.promises.open(fileOf(key), 'r');
        try {
          const size = (await handle.stat()).size;
          const want = maxChars === undefined ? size : Math.min(size, maxChars * 4);
          const buffer = Buffer.alloc(want);
          const { bytesRead } = await handle.read(buffer, 0, want, 0);
          text = buffer.subarray(0, bytesRead).toString('utf8');
        } finally {
          await handle.close();
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
        throw err;
      }
      return maxChars === undefined ? text : text.slice(0, maxChars);
    },
    async open(key) {
      const file = fileOf(key);
      const packed = packOf(key);
      if (packed?.pack.has(packed.name)) return packed.pack.stream(packed.name);
      if (!fs.existsSync(file)) return undefined;
      return fs.createReadStream(file);
    },
  };
}
