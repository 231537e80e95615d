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
import { sha256 } from '@noble/hashes/sha2.js';
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

export function encodeFrame(frame: SessionFrame): Uint8Array {
  const typeBytes = utf8Encoder.encode(frame.messageType);
  if (typeBytes.length > MESSAGE_TYPE_LENGTH) {
    throw new SessionProtocolError('bad-header', `message type "${frame.messageType}" is longer than 32 bytes`);
  }
  const out = new Uint8Array(FRAME_PAYLOAD_OFFSET + frame.payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, FRAME_HEADER_LENGTH);
  out.fill(0x20, MESSAGE_TYPE_OFFSET, MESSAGE_TYPE_OFFSET + MESSAGE_TYPE_LENGTH);
  out.set(typeBytes, MESSAGE_TYPE_OFFSET);
  view.setUint32(SCHEMA_VERSION_OFFSET, frame.schemaVersion);
  view.setBigUint64(CREATED_DATE_OFFSET, BigInt(frame.createdDate));
  view.setBigInt64(SEQUENCE_NUMBER_OFFSET, BigInt(frame.sequenceNumber));
  view.setBigUint64(FLAGS_OFFSET, BigInt(frame.flags));
  putMessageId(out, frame.messageId);
  out.set(sha256(frame.payload), PAYLOAD_DIGEST_OFFSET);
  view.setUint32(PAYLOAD_TYPE_OFFSET, frame.payloadType);
  view.setUint32(PAYLOAD_LENGTH_OFFSET, frame.payload.length);
  out.set(frame.payload, FRAME_PAYLOAD_OFFSET);
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
    createdDate: Number(view.getBigUint64(CREATED_DATE_OFFSET)),
    sequenceNumber: Number(view.getBigInt64(SEQUENCE_NUMBER_OFFSET)),
    flags: Number(view.getBigUint64(FLAGS_OFFSET)),
    messageId: getMessageId(bytes),
    payloadType: view.getUint32(PAYLOAD_TYPE_OFFSET),
    payload,
  };
}

/** The message type of a frame without decoding the rest (for relays that only route). */
export function peekMessageType(bytes: Uint8Array): string {
  if (bytes.length < FRAME_PAYLOAD_OFFSET) {
    throw new SessionProtocolError('short-frame', `frame of ${bytes.length} bytes is shorter than the 120-byte header`);
  }
  return readMessageType(bytes);
}

function readMessageType(bytes: Uint8Array): string {
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
  let hex = '';
  for (let i = 0; i < 16; i++) {
    const wire = i < 8 ? i + 8 : i - 8;
    hex += bytes[MESSAGE_ID_OFFSET + wire].toString(16).padStart(2, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random (version 4) UUID, through Web Crypto so it runs in the browser too. */
export function newMessageId(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
