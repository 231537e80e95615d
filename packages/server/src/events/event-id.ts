import crypto from 'node:crypto';

let lastMs = 0;
// Random bytes drawn 4 KiB at a time: one randomBytes call per event was a visible share of a
// fan-out that emits an event per invocation and status change.
let pool = Buffer.alloc(0);
let offset = 0;
function randomBlock(): Buffer {
  if (offset + 16 > pool.length) {
    pool = crypto.randomBytes(4096);
    offset = 0;
  }
  const block = Buffer.from(pool.subarray(offset, offset + 16));
  offset += 16;
  return block;
}
let counter = 0;

/**
 * A UUID (version 7, RFC 9562) for an event: EventBridge ids are UUIDs, and v7 ones sort by
 * creation, so events written in the same millisecond still list in the order they happened.
 * The 12 `rand_a` bits count within a millisecond in this process.
 */
export function newEventId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // More than 4,096 in one millisecond: borrow the next millisecond to stay ordered.
    lastMs += 1;
    counter = 0;
  }
  const bytes = randomBlock();
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
