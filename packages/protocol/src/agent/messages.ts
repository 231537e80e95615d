/**
 * The agent channel: what a bosun-agent and the server say to each other. One outbound
 * WebSocket per node (`/agent/v1/channel`), JSON text frames, each a `ChannelMessage`.
 *
 * Registration happens once, before any channel, over HTTPS `POST /agent/v1/register`
 * (`RegisterRequest` → `RegisterResponse`); the node keeps its private key and proves it at
 * every connection by signing the server's one-time challenge.
 */

export const CHANNEL_PATH = '/agent/v1/channel';
export const REGISTER_PATH = '/agent/v1/register';
export const CHANNEL_PROTOCOL_VERSION = 1;

/** What the agent reports about its machine, on connect and whenever it changes. */
export interface NodeFacts {
  platformType: 'Linux' | 'MacOS' | 'Windows';
  platformName: string;
  platformVersion: string;
  ipAddress: string;
  computerName: string;
  agentVersion: string;
}

export interface RegisterRequest {
  activationId: string;
  activationCode: string;
  /** The node's Ed25519 public key, SPKI PEM. The private key never leaves the node. */
  publicKey: string;
  facts: NodeFacts;
}

export interface RegisterResponse {
  instanceId: string; // mi- + 17 hex
  accountId: string;
  region: string;
}

/** Server → agent, first frame on every connection: sign this to prove who you are. */
export interface ChallengeMessage {
  type: 'challenge';
  nonce: string; // base64, single use
  serverTime: string; // ISO-8601
  protocolVersion: number;
}

/**
 * Agent → server, the answer to the challenge. `signature` is Ed25519 over the UTF-8 bytes of
 * `helloSigningString(nonce, instanceId, timestamp)`.
 */
export interface HelloMessage {
  type: 'hello';
  instanceId: string;
  timestamp: string;
  signature: string; // base64
  facts: NodeFacts;
  protocolVersion: number;
}

export function helloSigningString(nonce: string, instanceId: string, timestamp: string): string {
  return `bosun-agent-hello\n${nonce}\n${instanceId}\n${timestamp}`;
}

/** Server → agent: accepted. Temporary credentials for the activation's role come with it. */
export interface WelcomeMessage {
  type: 'welcome';
  instanceId: string;
  heartbeatSeconds: number;
  credentials?: RoleCredentials;
}

/** AWS-style temporary credentials of the node's role session (`assumed-role/<Role>/<mi-id>`). */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}

/** Server → agent, then the server closes: the node must not retry (deregistered, bad key…). */
export interface RefusedMessage {
  type: 'refused';
  code: 'InvalidInstanceId' | 'Deregistered' | 'BadSignature' | 'ReplayedHandshake' | 'ProtocolError';
  message: string;
  /** False when retrying can never help (deregistered, unknown node). */
  retry: boolean;
}

export interface HeartbeatMessage {
  type: 'heartbeat';
  sentAt: string;
}

export interface FactsMessage {
  type: 'facts';
  facts: NodeFacts;
}

/** Server → agent: fresh role credentials before the old ones expire. */
export interface CredentialsMessage {
  type: 'credentials';
  credentials: RoleCredentials;
}

/** Server → agent: work for the node (Run Command and later features define `kind`/`payload`). */
export interface JobMessage {
  type: 'job';
  jobId: string;
  kind: string;
  payload: unknown;
}

/** Agent → server: the job arrived and will run (at most once per jobId, across reconnects). */
export interface JobAckMessage {
  type: 'job-ack';
  jobId: string;
}

/** Agent → server: a chunk of live output. `seq` orders chunks of one stream. */
export interface JobOutputMessage {
  type: 'job-output';
  jobId: string;
  stream: 'stdout' | 'stderr';
  seq: number;
  data: string;
  /** Which step of a multi-step job wrote this (Run Command: the plugin/step name). */
  step?: string;
}

export interface JobResultMessage {
  type: 'job-result';
  jobId: string;
  result: unknown;
  /** Set when the agent itself could not produce a plugin's result (then `result` is null). */
  error?: JobFailure;
}

/** Why a job has no plugin result: no plugin for its kind, the plugin threw, or the agent stopped mid-job. */
export interface JobFailure {
  code: 'UnsupportedJobKind' | 'PluginFailed' | 'Cancelled' | 'Interrupted';
  message: string;
}

/** Server → agent: stop a running job (Run Command's CancelCommand). */
export interface JobCancelMessage {
  type: 'job-cancel';
  jobId: string;
}

/** The session types of Session Manager documents (`sessionType`). */
export type SessionTypeName = 'Standard_Stream' | 'Port' | 'InteractiveCommands' | 'NonInteractiveCommands';

/** Where a node's session data channel lives on the server: `SESSION_PATH_PREFIX + sessionId`. */
export const SESSION_PATH_PREFIX = '/agent/v1/session/';

/**
 * Server → agent: open a Session Manager session. The agent dials `dataChannelPath` on the server
 * (a WebSocket of its own), sends `{"instanceId","token": agentToken}` as the first TEXT frame,
 * then speaks the Session Manager binary frames as the agent side (HandshakeRequest first).
 */
export interface SessionStartMessage {
  type: 'session_start';
  sessionId: string;
  documentName: string;
  sessionType: SessionTypeName;
  /** The session document's `properties` after {{ }} interpolation of the parameters. */
  properties: Record<string, unknown>;
  /** From SSM-SessionManagerRunShell preferences: run the shell as `runAsUser` when enabled. */
  runAsEnabled: boolean;
  runAsUser?: string;
  /** shellProfile.linux: commands run in the shell before the user gets it. */
  shellProfile?: string;
  /** '/agent/v1/session/<sessionId>' */
  dataChannelPath: string;
  /** Single-use secret for the data channel; the server stores only its hash. */
  agentToken: string;
}

/** Server → agent: end a session now (TerminateSession, idle timeout, max duration). */
export interface SessionTerminateMessage {
  type: 'session_terminate';
  sessionId: string;
  reason: string;
}

/** Agent → server: the shell/command exited or the port session closed. */
export interface SessionEndedMessage {
  type: 'session_ended';
  sessionId: string;
  exitCode?: number;
  reason?: string;
}

export type ChannelMessage =
  | ChallengeMessage
  | HelloMessage
  | WelcomeMessage
  | RefusedMessage
  | HeartbeatMessage
  | FactsMessage
  | CredentialsMessage
  | JobMessage
  | JobAckMessage
  | JobOutputMessage
  | JobResultMessage
  | JobCancelMessage
  | SessionStartMessage
  | SessionTerminateMessage
  | SessionEndedMessage;

/** Parses one frame; returns undefined for anything that is not a well-formed message. */
export function parseChannelMessage(text: string): ChannelMessage | undefined {
  try {
    const value = JSON.parse(text) as { type?: unknown };
    if (value && typeof value === 'object' && typeof value.type === 'string') return value as ChannelMessage;
  } catch {
    // not JSON: refused by the caller
  }
  return undefined;
}

/** WebSocket close codes the server uses, so the agent can tell "stop" from "retry". */
export const CLOSE_CODES = {
  /** The node is deregistered or unknown: do not reconnect. */
  refusedPermanently: 4403,
  /** The handshake failed (bad signature, replay, timeout): reconnect with backoff. */
  handshakeFailed: 4401,
  /** The server is shutting down: reconnect with backoff. */
  goingAway: 1001,
} as const;
