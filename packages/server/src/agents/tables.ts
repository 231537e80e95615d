/**
 * Hybrid activations and the managed nodes registered with them. Only a hash of an activation
 * code is kept; a node is known by the Ed25519 public key it registered with.
 */
export interface ActivationsTable {
  activation_id: string;
  account_id: string;
  region: string;
  description: string | null;
  default_instance_name: string | null;
  /** The role as CreateActivation named it (`Name` or `path/Name`), as AWS echoes it back. */
  iam_role: string;
  registration_limit: number;
  registrations_count: number;
  expiration_date: string;
  created_date: string;
  /** sha256 hex of the activation code. */
  code_hash: string;
  /** JSON text of [{Key, Value}], copied onto every node registered with it. */
  tags: string;
}

export interface ManagedInstancesTable {
  instance_id: string;
  account_id: string;
  region: string;
  activation_id: string;
  iam_role: string;
  name: string | null;
  /** SPKI PEM of the node's Ed25519 key. */
  public_key: string;
  registration_date: string;
  /** Online | ConnectionLost | Inactive, as last written; readers also age out stale Online rows. */
  ping_status: string;
  last_ping_at: string | null;
  platform_type: string | null;
  platform_name: string | null;
  platform_version: string | null;
  ip_address: string | null;
  computer_name: string | null;
  agent_version: string | null;
  deregistered_at: string | null;
  /** The advertise URL of the server replica holding the node's channel (sessions across replicas). */
  channel_url: string | null;
}

export interface ManagedInstanceTagsTable {
  instance_id: string;
  tag_key: string;
  tag_value: string;
}

export interface AgentTables {
  activations: ActivationsTable;
  managed_instances: ManagedInstancesTable;
  managed_instance_tags: ManagedInstanceTagsTable;
}
