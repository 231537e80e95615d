/**
 * Session Manager's table: one row per session, live or ended. Tokens are kept only as
 * SHA-256 hashes; the recording itself lives in the blob store under `recording_key`.
 */
export interface SessionsTable {
  /** `<user or role-session name>-<17 hex>` (AWS's form). */
  session_id: string;
  account_id: string;
  region: string;
  /** The managed node, mi-… */
  target: string;
  document_name: string;
  /** Standard_Stream | Port | InteractiveCommands | NonInteractiveCommands */
  session_type: string;
  /** The caller's ARN (DescribeSessions Owner). */
  owner: string;
  reason: string | null;
  /** Connected | Connecting | Disconnected | Terminated | Terminating | Failed */
  status: string;
  /** Why the session ended (TerminateSession, idle timeout, the shell exited, …). */
  details: string | null;
  start_date: string;
  end_date: string | null;
  /** Minutes, as AWS shows MaxSessionDuration (text); null when unlimited. */
  max_session_duration: string | null;
  idle_timeout_minutes: number;
  /** JSON: StartSession Parameters as given. */
  parameters: string;
  /** Blob key of the asciicast recording; null for sessions that are not recorded (Port). */
  recording_key: string | null;
  exit_code: number | null;
  /** SHA-256 (hex) of the client's current TokenValue; null once used or after the end. */
  client_token_hash: string | null;
  client_token_expires: string | null;
  /** SHA-256 (hex) of the agent's data-channel token. */
  agent_token_hash: string | null;
  /** The advertise URL of the server replica that relays the session (PostgreSQL; null on SQLite before 0013). */
  relay_url: string | null;
  /** JSON session_start message (without its agent token) for the relay replica to send; null once it has. */
  start_message: string | null;
}

/** Server replicas on one PostgreSQL (by advertise URL) and their last heartbeat (ISO time). */
export interface ServerReplicasTable {
  url: string;
  heartbeat_at: string;
}

export interface SessionTables {
  server_replicas: ServerReplicasTable;
  sessions: SessionsTable;
}
