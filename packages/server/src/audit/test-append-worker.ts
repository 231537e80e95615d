/**
 * A stand-in for a second server process in the concurrency test: opens the database given on
 * the command line and appends `count` events at once. Usage: worker <dbUrl> <keyHex> <first> <count>
 */
import { openDatabase } from '../db/index';
import { appendAuditEvent } from './append';
import { sampleEvent } from './test-events';

const [url, keyHex, first, count] = process.argv.slice(2);
const db = await openDatabase(url, { migrate: false });
const key = Buffer.from(keyHex, 'hex');
try {
  await Promise.all(Array.from({ length: Number(count) }, (_, i) => appendAuditEvent(db, key, sampleEvent(Number(first) + i))));
} finally {
  await db.destroy();
}
