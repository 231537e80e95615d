/**
 * The binary frame of the Session Manager data channel (session-manager-plugin
 * src/message/clientmessage.go, messageparser.go). Big-endian throughout:
 *
 *   offset  size  field
 *        0     4  header length (always 116: the offset of the payload-length field)
 *        4    32  message type, UTF-8, right-padded with spaces
 *       36     4  schema version
 *       40     8  created date, epoch milliseconds
 *       48     8  sequence number (signed)
 *       56     8  flags (bit 0 SYN, bit 1 FIN)
 *       64    16  message id (a UUID; see below for its byte order)
 *       80    32  SHA-256 of the payload
 *      112     4  payload type
 *      116     4  payload length
 *      120     …  payload
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { SessionProtocolError } from './errors';

export interface SessionFrame {
  messageType: string;
  schemaVersion: number;
  /** Epoch milliseconds. */
  createdDate: number;
  sequenceNumber: number;
  flags: number;
  /** Lower-case hyphenated UUID. */
  messageId: string;
  payloadType: number;
  payload: Uint8Array;
}

export const FRAME_HEADER_LENGTH = 116;
/** Bytes before the payload: the header plus the 4-byte payload length. */
export const FRAME_PAYLOAD_OFFSET = 120;

const MESSAGE_TYPE_OFFSET = 4;
const MESSAGE_TYPE_LENGTH = 32;
const SCHEMA_VERSION_OFFSET = 36;
const CREATED_DATE_OFFSET = 40;
const SEQUENCE_NUMBER_OFFSET = 48;
const FLAGS_OFFSET = 56;
const MESSAGE_ID_OFFSET = 64;
const PAYLOAD_DIGEST_OFFSET = 80;
const PAYLOAD_TYPE_OFFSET = 112;
const PAYLOAD_LENGTH_OFFSET = 116;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
const TWO_32 = 0x1_0000_0000;

/** SHA-256 of a payload: 32 bytes. */
export type Sha256Function = (data: Uint8Array) => Uint8Array;

/**
 * Node's native SHA-256 when this runs in Node (about 30 times faster than @noble/hashes for
 * 1 KiB, more under tsx), found at run time so that the module stays importable in browsers,
 * which use @noble/hashes.
 */
function nativeSha256(): Sha256Function | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.('node:crypto') as
    | { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Uint8Array; createHash?: (alg: string) => { update(d: Uint8Array): { digest(): Uint8Array } } }
    | undefined;
  if (crypto?.hash) {
    const hash = crypto.hash;
    return (data) => hash('sha256', data, 'buffer');
  }
  if (crypto?.createHash) {
    const createHash = crypto.createHash;
    return (data) => createHash('sha256').update(data).digest();
  }
  return null;
}

let sha256: Sha256Function = nativeSha256() ?? nobleSha256;

/**
 * Replaces the SHA-256 the codec uses (a Node entry point on an older Node without
 * process.getBuiltinModule can pass node:crypto's). Returns the previous one.
 */
export function setSessionSha256(fn: Sha256Function): Sha256Function {
  const previous = sha256;
  sha256 = fn;
  return previous;
}

/** 32-byte space-padded message type fields, made once per type. */
const typeFields = new Map<string, Uint8Array>();
function messageTypeField(messageType: string): Uint8Array {
  let field = typeFields.get(messageType);
  if (field) return field;
  const typeBytes = utf8Encoder.encode(messageType);
  if (typeBytes.length > MESSAGE_TYPE_LENGTH) {
    throw new SessionProtocolError('bad-header', `message type "${messageType}" is longer than 32 bytes`);
  }
  field = new Uint8Array(MESSAGE_TYPE_LENGTH).fill(0x20);
  field.set(typeBytes);
  if (typeFields.size < 64) typeFields.set(messageType, field);
  return field;
}

function putUint64(view: DataView, offset: number, value: number, field: string): void {
  if (!Number.isSafeInteger(value)) throw new SessionProtocolError('bad-header', `${field} ${value} is not a whole number`);
  if (value < 0) {
    view.setBigInt64(offset, BigInt(value));
    return;
  }
  view.setUint32(offset, Math.floor(value / TWO_32));
  view.setUint32(offset + 4, value >>> 0);
}

/** A frame to encode; without `messageId` it gets a fresh random one (no string made). */
export type FrameToEncode = Omit<SessionFrame, 'messageId'> & { messageId?: string };

export interface EncodeFrameOptions {
  /**
   * Put the payload's SHA-256 in the header (default true). False leaves the 32 bytes zero: only
   * for a peer that said it does not check digests (BosunUncheckedDigests in the handshake).
   */
  digest?: boolean;
}

export function encodeFrame(frame: FrameToEncode, options?: EncodeFrameOptions): Uint8Array {
  const payloadLength = frame.payload.length;
  const out = new Uint8Array(FRAME_PAYLOAD_OFFSET + payloadLength);
  out.set(frame.payload, FRAME_PAYLOAD_OFFSET);
  return finishFrame(out, frame, options);
}

/**
 * A frame whose payload `fill` writes straight into it (`length` bytes from `at`), so that a
 * payload assembled from pieces (smux frames of socket reads) is copied once, not twice.
 */
export function encodeFrameInPlace(
  frame: Omit<FrameToEncode, 'payload'>,
  payloadLength: number,
  fill: (out: Uint8Array, at: number) => void,
  options?: EncodeFrameOptions,
): Uint8Array {
  const out = new Uint8Array(FRAME_PAYLOAD_OFFSET + payloadLength);
  fill(out, FRAME_PAYLOAD_OFFSET);
  return finishFrame(out, frame, options);
}

/** Writes the header of a frame whose payload is in place already. */
function finishFrame(out: Uint8Array, frame: Omit<FrameToEncode, 'payload'>, options: EncodeFrameOptions | undefined): Uint8Array {
  const typeField = messageTypeField(frame.messageType);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(0, FRAME_HEADER_LENGTH);
  out.set(typeField, MESSAGE_TYPE_OFFSET);
  view.setUint32(SCHEMA_VERSION_OFFSET, frame.schemaVersion);
  putUint64(view, CREATED_DATE_OFFSET, frame.createdDate, 'created date');
  putUint64(view, SEQUENCE_NUMBER_OFFSET, frame.sequenceNumber, 'sequence number');
  putUint64(view, FLAGS_OFFSET, frame.flags, 'flags');
  if (frame.messageId === undefined) putRandomMessageId(out);
  else putMessageId(out, frame.messageId);
  view.setUint32(PAYLOAD_TYPE_OFFSET, frame.payloadType);
  view.setUint32(PAYLOAD_LENGTH_OFFSET, out.length - FRAME_PAYLOAD_OFFSET);
  if (options?.digest !== false) out.set(sha256(out.subarray(FRAME_PAYLOAD_OFFSET)), PAYLOAD_DIGEST_OFFSET);
  return out;
}

export interface DecodeFrameOptions {
  /** Check the payload's SHA-256 against the header (default true, as the plugin and agent do). */
  verifyDigest?: boolean;
}

/**
 * Parses one frame. The payload is a view into `bytes`, not a copy.
 * Throws SessionProtocolError on a short frame, a bad header or a payload whose digest differs.
 */
export function decodeFrame(bytes: Uint8Array, options: DecodeFrameOptions = {}): SessionFrame {
  if (bytes.length < FRAME_PAYLOAD_OFFSET) {
    throw new SessionProtocolError('short-frame', `frame of ${bytes.length} bytes is shorter than the 120-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0);
  // AWS: readers take the payload from headerLength + 4, so a longer header would still parse.
  if (headerLength < FRAME_HEADER_LENGTH || headerLength + 4 > bytes.length) {
    throw new SessionProtocolError('bad-header', `header length ${headerLength} is invalid`);
  }
  const payloadLength = view.getUint32(PAYLOAD_LENGTH_OFFSET);
  const payloadStart = headerLength + 4;
  if (payloadStart + payloadLength > bytes.length) {
    throw new SessionProtocolError(
      'short-frame',
      `payload length ${payloadLength} runs past the frame's ${bytes.length - payloadStart} bytes`,
    );
  }
  const payload = bytes.subarray(payloadStart, payloadStart + payloadLength);
  const messageType = readMessageType(bytes);
  if (messageType === '') throw new SessionProtocolError('bad-header', 'message type is missing');
  // AWS: the digest is only checked when there is a payload (ClientMessage.Validate).
  if (payloadLength > 0 && options.verifyDigest !== false) {
    const digest = sha256(payload);
    for (let i = 0; i < 32; i++) {
      if (digest[i] !== bytes[PAYLOAD_DIGEST_OFFSET + i]) {
        throw new SessionProtocolError('bad-digest', 'payload digest does not match the payload');
      }
    }
  }
  return {
    messageType,
    schemaVersion: view.getUint32(SCHEMA_VERSION_OFFSET),
    createdDate: getUint64(view, CREATED_DATE_OFFSET),
    sequenceNumber: getInt64(view, SEQUENCE_NUMBER_OFFSET),
    flags: getUint64(view, FLAGS_OFFSET),
    messageId: getMessageId(bytes),
    payloadType: view.getUint32(PAYLOAD_TYPE_OFFSET),
    payload,
  };
}

function getUint64(view: DataView, offset: number): number {
  const high = view.getUint32(offset);
  const low = view.getUint32(offset + 4);
  return high < 0x200000 ? high * TWO_32 + low : Number(view.getBigUint64(offset));
}

function getInt64(view: DataView, offset: number): number {
  const high = view.getUint32(offset);
  const low = view.getUint32(offset + 4);
  return high < 0x200000 ? high * TWO_32 + low : Number(view.getBigInt64(offset));
}

/** The message type of a frame without decoding the rest (for relays that only route). */
export function peekMessageType(bytes: Uint8Array): string {
  if (bytes.length < FRAME_PAYLOAD_OFFSET) {
    throw new SessionProtocolError('short-frame', `frame of ${bytes.length} bytes is shorter than the 120-byte header`);
  }
  return readMessageType(bytes);
}

/** The known message types, recognised without decoding text. */
const knownTypes: [Uint8Array, string][] = [
  'input_stream_data', 'output_stream_data', 'acknowledge', 'channel_closed', 'start_publication', 'pause_publication',
].map((t) => [messageTypeField(t), t]);

function readMessageType(bytes: Uint8Array): string {
  known: for (const [field, name] of knownTypes) {
    if (bytes[MESSAGE_TYPE_OFFSET] !== field[0]) continue;
    for (let i = 1; i < MESSAGE_TYPE_LENGTH; i++) if (bytes[MESSAGE_TYPE_OFFSET + i] !== field[i]) continue known;
    return name;
  }
  let end = MESSAGE_TYPE_OFFSET + MESSAGE_TYPE_LENGTH;
  // AWS: the plugin trims NULs and white space (padding is spaces).
  while (end > MESSAGE_TYPE_OFFSET && isPadding(bytes[end - 1])) end--;
  let start = MESSAGE_TYPE_OFFSET;
  while (start < end && isPadding(bytes[start])) start++;
  return utf8Decoder.decode(bytes.subarray(start, end));
}

function isPadding(b: number): boolean {
  return b === 0 || b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

const UUID_PATTERN = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * AWS: putUuid writes the UUID's last 8 bytes first, then its first 8 (Java's
 * least/most-significant-long order), so the wire bytes are not the UUID's byte order.
 */
function putMessageId(out: Uint8Array, messageId: string): void {
  if (!UUID_PATTERN.test(messageId)) {
    throw new SessionProtocolError('bad-message-id', `message id "${messageId}" is not a UUID`);
  }
  const hex = messageId.replace(/-/g, '');
  for (let i = 0; i < 16; i++) {
    const wire = i < 8 ? i + 8 : i - 8;
    out[MESSAGE_ID_OFFSET + wire] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
}

function getMessageId(bytes: Uint8Array): string {
  // UUID bytes 0–7 are on the wire at 8–15, bytes 8–15 at 0–7.
  const m = MESSAGE_ID_OFFSET;
  return (
    HEX[bytes[m + 8]] + HEX[bytes[m + 9]] + HEX[bytes[m + 10]] + HEX[bytes[m + 11]] + '-' +
    HEX[bytes[m + 12]] + HEX[bytes[m + 13]] + '-' + HEX[bytes[m + 14]] + HEX[bytes[m + 15]] + '-' +
    HEX[bytes[m]] + HEX[bytes[m + 1]] + '-' +
    HEX[bytes[m + 2]] + HEX[bytes[m + 3]] + HEX[bytes[m + 4]] + HEX[bytes[m + 5]] + HEX[bytes[m + 6]] + HEX[bytes[m + 7]]
  );
}

/** Random bytes fetched 4 KiB at a time: one getRandomValues call per 256 message ids. */
const randomPool = new Uint8Array(4096);
let randomOffset = randomPool.length;

function randomBytes16(): number {
  if (randomOffset === randomPool.length) {
    globalThis.crypto.getRandomValues(randomPool);
    randomOffset = 0;
  }
  const at = randomOffset;
  randomOffset += 16;
  return at;
}

/** A fresh version-4 UUID written in the wire's order (UUID bytes 8–15, then 0–7). */
function putRandomMessageId(out: Uint8Array): void {
  const at = randomBytes16();
  out.set(randomPool.subarray(at, at + 16), MESSAGE_ID_OFFSET);
  // UUID byte 6 (version) sits at wire 14, byte 8 (variant) at wire 0.
  out[MESSAGE_ID_OFFSET + 14] = (out[MESSAGE_ID_OFFSET + 14] & 0x0f) | 0x40;
  out[MESSAGE_ID_OFFSET] = (out[MESSAGE_ID_OFFSET] & 0x3f) | 0x80;
}

/** A random (version 4) UUID, through Web Crypto so it runs in the browser too. */
export function newMessageId(): string {
  const at = randomBytes16();
  const b = randomPool.subarray(at, at + 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let hex = '';
  for (const x of b) hex += HEX[x];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
