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
  const exists = async (key: string) => !!(await db.selectFrom('blob_chunks').select('chunk').where('key', '=', key).limit(1).executeTakeFirst());
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
      let text = '';
      let after = 0;
      for (;;) {
        const rows = await db.selectFrom('blob_chunks').select(['chunk', 'data']).where('key', '=', key).where('chunk', '>', after)
          .orderBy('chunk').limit(PAGE).execute();
        for (const row of rows) text += row.data;
        if (rows.length < PAGE || (maxChars !== undefined && text.length >= maxChars)) break;
        after = rows[rows.length - 1].chunk;
      }
      if (after === 0 && text === '' && earlier) return earlier.readHead(key, maxChars);
      return maxChars === undefined ? text : text.slice(0, maxChars);
    },
    async open(key) {
      check(key);
      await queue.idle(key);
      if (!(await exists(key))) return earlier?.open(key);
      async function* chunks() {
        let after = 0;
        for (;;) {
          const rows = await db.selectFrom('blob_chunks').select(['chunk', 'data']).where('key', '=', key).where('chunk', '>', after)
            .orderBy('chunk').limit(PAGE).execute();
          for (const row of rows) yield Buffer.from(row.data, 'utf8');
          if (rows.length < PAGE) return;
          after = rows[rows.length - 1].chunk;
        }
      }
      return Readable.from(chunks());
    },
  };
}
