import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/index';
import { storeJournalRecords } from './append';
import { INDEX_CHUNK, parseJournalText, type JournalSegment } from './journal';

/**
 * The thread that stores journaled audit records in the audit tables (see journal.ts), on a
 * connection of its own. It is told which stretches of the journal files to store, reads them,
 * chains and stores their records INDEX_CHUNK per transaction and answers with the last seq
 * stored, or with why it could not.
 */
const { databaseFile, chainKey } = workerData as { databaseFile: string; chainKey: Uint8Array };
const key = Buffer.from(chainKey);
const db = await openDatabase(databaseFile, { migrate: false });

function read(segment: JournalSegment): string {
  const fd = fs.openSync(segment.file, 'r');
  try {
    const bytes = Buffer.allocUnsafe(segment.end - segment.start);
    for (let at = 0; at < bytes.length;) {
      const n = fs.readSync(fd, bytes, at, bytes.length - at, segment.start + at);
      if (n === 0) throw new Error(`the audit journal ${segment.file} ends before byte ${segment.end}`);
      at += n;
    }
    return bytes.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

parentPort!.on('message', async (batch: { segments: JournalSegment[]; last: number }) => {
  try {
    for (const segment of batch.segments) {
      const records = parseJournalText(read(segment), segment.file);
      for (let i = 0; i < records.length; i += INDEX_CHUNK) {
        const chunk = records.slice(i, i + INDEX_CHUNK);
        await db.transaction().execute((trx) => storeJournalRecords(trx, key, chunk));
      }
    }
    parentPort!.postMessage({ indexed: batch.last });
  } catch (error) {
    parentPort!.postMessage({ failed: (error as Error).message });
  }
});
