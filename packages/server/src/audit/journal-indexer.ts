import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/index';
import { storeChainedRecords } from './append';
import { INDEX_CHUNK } from './journal';
import type { AuditEvent } from './types';

/**
 * The thread that stores journaled audit records in the audit tables (see journal.ts), on a
 * connection of its own. It is sent journal text, stores its records INDEX_CHUNK per
 * transaction and answers with the last seq stored, or with why it could not.
 */
const { databaseFile, chainKey } = workerData as { databaseFile: string; chainKey: Uint8Array };
const key = Buffer.from(chainKey);
const db = await openDatabase(databaseFile, { migrate: false });

parentPort!.on('message', async (batch: { text: string; last: number }) => {
  try {
    const rows = batch.text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as AuditEvent);
    for (let i = 0; i < rows.length; i += INDEX_CHUNK) {
      const chunk = rows.slice(i, i + INDEX_CHUNK);
      await db.transaction().execute((trx) => storeChainedRecords(trx, key, chunk));
    }
    parentPort!.postMessage({ indexed: batch.last });
  } catch (error) {
    parentPort!.postMessage({ failed: (error as Error).message });
  }
});
