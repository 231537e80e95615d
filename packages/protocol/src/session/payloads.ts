/**
 * The JSON (and the two binary) payloads carried in data channel frames, with the field names
 * the plugin and amazon-ssm-agent marshal (src/message/*.go; agent/session/contracts).
 */
import type { ActionStatusNumber, ActionTypeName, PayloadTypeFlagNumber, SessionTypeName } from './constants';
import { SessionProtocolError } from './errors';

/** Payload of an `acknowledge` message. */
export interface AcknowledgeContent {
  /** The acknowledged message's type (input_stream_data or output_stream_data). */
  AcknowledgedMessageType: string;
  AcknowledgedMessageId: string;
  AcknowledgedMessageSequenceNumber: number;
  IsSequentialMessage: boolean;
}

/** Payload of a `channel_closed` message (sent by the service, here the Bosun server). */
export interface ChannelClosedPayload {
  MessageId: string;
  /** ISO-8601 time. */
  CreatedDate: string;
  DestinationId: string;
  SessionId: string;
  MessageType: 'channel_closed';
  SchemaVersion: number;
  /** Shown to the user; empty means a normal end. */
  Output: string;
  /**
   * Bosun's addition: the exit code of a shell or command the node reported. The AWS plugin
   * unmarshals this JSON with Go's encoding/json, which ignores fields it does not know.
   */
  ExitCode?: number;
}

export interface SessionTypeRequest {
  SessionType: SessionTypeName;
  /** The session document's `properties`. */
  Properties: Record<string, unknown>;
}

export interface RequestedClientAction {
  ActionType: ActionTypeName | string;
  ActionParameters: unknown;
}

/** Agent → client, the first stream message of a session (payload type 5). */
export interface HandshakeRequestPayload {
  AgentVersion: string;
  RequestedClientActions: RequestedClientAction[];
  /**
   * Bosun extension: the largest stream payload this agent reads from the client. A Bosun
   * client then sends messages up to this size instead of AWS's 1 KiB; the plugin (Go JSON)
   * ignores the field and keeps sending 1 KiB.
   */
  BosunMaxPayloadSize?: number;
  /**
   * Bosun extension: true when this agent does not check the digests of what it receives (its
   * transport is TLS or loopback). A Bosun client then leaves the digest of its frames zero
   * instead of computing SHA-256 for each; the plugin ignores the field and keeps sending them.
   */
  BosunUncheckedDigests?: boolean;
}

export interface ProcessedClientAction {
  ActionType: ActionTypeName | string;
  ActionStatus: ActionStatusNumber;
  ActionResult: unknown;
  Error: string;
}

/** Client → agent (payload type 6). */
export interface HandshakeResponsePayload {
  ClientVersion: string;
  ProcessedClientActions: ProcessedClientAction[];
  /** AWS: Go marshals an empty list as null. */
  Errors: string[] | null;
  /**
   * Bosun extension: true when this client does not check the digests of what it receives; a
   * Bosun agent then leaves the digests of its frames zero. The plugin never sends it, and AWS's
   * agent (Go JSON) ignores it.
   */
  BosunUncheckedDigests?: boolean;
}

/** Agent → client (payload type 7): the client may start the session's plugin. */
export interface HandshakeCompletePayload {
  /** AWS: a Go time.Duration, so nanoseconds. */
  HandshakeTimeToComplete: number;
  /** Printed by the plugin when not empty. */
  CustomerMessage: string;
}

/** Payload type 3, client → agent. */
export interface SizeData {
  cols: number;
  rows: number;
}

/** The first WebSocket message of a client: a TEXT frame (service.OpenDataChannelInput). */
export interface OpenDataChannelInput {
  MessageSchemaVersion: '1.0';
  RequestId: string;
  TokenValue: string;
  ClientId: string;
  ClientVersion: string;
}

/** The first WebSocket message of a Bosun agent on its session data channel (a TEXT frame). */
export interface AgentDataChannelOpen {
  instanceId: string;
  token: string;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function encodeJsonPayload(value: unknown): Uint8Array {
  return utf8Encoder.encode(JSON.stringify(value));
}

/** Parses a JSON payload; throws SessionProtocolError('bad-payload') when it is not a JSON object. */
export function decodeJsonPayload<T>(payload: Uint8Array, what = 'payload'): T {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decoder.decode(payload));
  } catch {
    throw new SessionProtocolError('bad-payload', `${what} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SessionProtocolError('bad-payload', `${what} is not a JSON object`);
  }
  return value as T;
}

/** AWS: a Flag payload is the flag as a 4-byte big-endian unsigned integer (binary.Write). */
export function encodeFlagPayload(flag: PayloadTypeFlagNumber): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, flag);
  return out;
}

export function decodeFlagPayload(payload: Uint8Array): number {
  if (payload.length < 4) throw new SessionProtocolError('bad-payload', 'flag payload is shorter than 4 bytes');
  return new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0);
}

/** AWS: the agent sends the exit code as the text `EXIT_CODE: <n>` (shell.go sendExitCode). */
export function encodeExitCodePayload(code: number): Uint8Array {
  return utf8Encoder.encode(`EXIT_CODE: ${code}`);
}

export function decodeExitCodePayload(payload: Uint8Array): number {
  const match = /EXIT_CODE:\s*(-?\d+)/.exec(utf8Decoder.decode(payload));
  if (!match) throw new SessionProtocolError('bad-payload', 'exit code payload has no EXIT_CODE');
  return Number(match[1]);
}

export function encodeSizePayload(cols: number, rows: number): Uint8Array {
  return encodeJsonPayload({ cols, rows } satisfies SizeData);
}

export function decodeSizePayload(payload: Uint8Array): SizeData {
  const size = decodeJsonPayload<Partial<SizeData>>(payload, 'size payload');
  const cols = Number(size.cols);
  const rows = Number(size.rows);
  if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 0 || rows < 0) {
    throw new SessionProtocolError('bad-payload', 'size payload needs whole cols and rows');
  }
  return { cols, rows };
}
