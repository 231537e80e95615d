/**
 * Run Command's tables: one row per command (what was asked, how far it got) and one per
 * invocation (the command on one node). Counts on the command row are kept by the engine so
 * ListCommands answers without scanning invocations.
 */
export interface CommandsTable {
  command_id: string;
  account_id: string;
  region: string;
  document_name: string;
  document_version: string;
  /** JSON: what the engine renders per node (document content, type, schema, resolved parameters). */
  document_snapshot: string;
  comment: string;
  /** JSON of SendCommand's Parameters as given (echoed by ListCommands). */
  parameters: string;
  /** JSON arrays as given. */
  instance_ids: string;
  targets: string;
  requested_at: string;
  expires_after: string;
  timeout_seconds: number;
  max_concurrency: string;
  max_errors: string;
  status: string;
  status_details: string;
  target_count: number;
  completed_count: number;
  error_count: number;
  delivery_timed_out_count: number;
  output_s3_bucket_name: string;
  output_s3_key_prefix: string;
  /** JSON of NotificationConfig, or empty. */
  notification_config: string;
  service_role: string;
  requester_arn: string;
}

export interface CommandInvocationsTable {
  command_id: string;
  instance_id: string;
  account_id: string;
  region: string;
  /** Dispatch order: rate control sends in this order. */
  position: number;
  status: string;
  status_details: string;
  /** When the job frame last went to the node. */
  sent_at: string | null;
  /** When the node acknowledged it (from then on delivery cannot time out). */
  acked_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  response_code: number;
  /** JSON: RunCommandStepResult[] with each plugin's output head. */
  plugins: string;
}

export interface CommandTables {
  commands: CommandsTable;
  command_invocations: CommandInvocationsTable;
}
