import { Readable } from 'node:stream';
import type { Db } from '../db/index';
import { isSafeKey, type BlobStore } from './directory-store';
import { keyQueue } from './key-queue';

/** Chunks read per query when streaming a blob. */
const PAGE = 200;

/**
 * Blobs in the database's `blob_chunks` table. A PostgreSQL server uses it, so a blob one
 * replica wrote (a node's command output, a session recording of the replica that relayed it)
 * is served by every replica. `earlier` is where blobs written before lived (the data
 * directory): read when the database has no chunk of a key, never written.
 */
export function databaseBlobStore(db: Db, earlier?: BlobStore): BlobStore {
  const check = (key: string) => {
    if (!isSafeKey(key)) throw new Error(`unsafe blob key: ${key}`);
  };
  // Appends to one key are serialised in this process so chunks keep their order; one key has
  // one writer (the replica holding the node's channel, or relaying the session).
  const queue = keyQueue();
  /** One page of a key's chunks, in order, after chunk `after`. */
  const page = (key: string, after: number) => db.selectFrom('blob_chunks').select(['chunk', 'data']).where('key', '=', key)
    .where('chunk', '>', after).orderBy('chunk').limit(PAGE).execute();
  /** The key's chunk texts from `first` (its first page) on, a page at a time. */
  async function* texts(key: string, first: Array<{ chunk: number; data: string }>): AsyncGenerator<string> {
    for (let rows = first; ; rows = await page(key, rows[rows.length - 1].chunk)) {
      for (const row of rows) yield row.data;
      if (rows.length < PAGE) return;
    }
  }
  return {
    append(key, data) {
      check(key);
      if (data === '') return queue.idle(key) ?? Promise.resolve();
      return queue.run(key, async () => {
        await db.insertInto('blob_chunks')
          .columns(['key', 'chunk', 'data'])
          .expression((eb) => eb.selectFrom('blob_chunks')
            .select([eb.val(key).as('key'), eb(eb.fn.coalesce(eb.fn.max('chunk'), eb.lit(0)), '+', 1).as('chunk'), eb.val(data).as('data')])
            .where('key', '=', key))
          .execute();
      });
    },
    async readHead(key, maxChars) {
      check(key);
      await queue.idle(key);
      const first = await page(key, 0);
      if (first.length === 0 && earlier) return earlier.readHead(key, maxChars);
      let text = '';
      for await (const data of texts(key, first)) {
        text += data;
        if (maxChars !== undefined && text.length >= maxChars) break;
      }
      return maxChars === undefined ? text : text.slice(0, maxChars);
    },
    async open(key) {
      check(key);
      await queue.idle(key);
      const first = await page(key, 0);
      if (first.length === 0) return earlier?.open(key);
      return Readable.from((async function* () {
        for await (const data of texts(key, first)) yield Buffer.from(data, 'utf8');
      })());
    },
  };
}
