/**
 * SSM documents' tables. `documents` holds one row per document with its newest and default
 * version numbers; `document_versions` every version's content as the caller gave it (with the
 * facts validation read from it); `document_permissions` the accounts a document is shared with
 * ('all' for public); `document_tags` its tags.
 */
export interface DocumentsTable {
  account_id: string;
  region: string;
  name: string;
  document_type: string;
  target_type: string | null;
  display_name: string | null;
  latest_version: number;
  default_version: number;
  /** The highest version number ever issued: numbers of deleted versions are never reused. */
  last_issued_version: number;
  created_date: string;
}

export interface DocumentVersionsTable {
  account_id: string;
  region: string;
  name: string;
  version: number;
  version_name: string | null;
  /** The content exactly as given. */
  content: string;
  document_format: string;
  /** SHA-256 of `content` (DocumentDescription.Hash). */
  content_hash: string;
  /** SHA-256 of the parsed content with sorted keys: what DuplicateDocumentContent compares. */
  canonical_hash: string;
  schema_version: string;
  description: string | null;
  /** JSON text of DocumentParameterSpec[]. */
  parameters: string;
  /** JSON text of string[]. */
  platform_types: string;
  display_name: string | null;
  created_date: string;
}

export interface DocumentPermissionsTable {
  account_id: string;
  region: string;
  name: string;
  /** A 12-digit account id, or 'all' when the document is public. */
  shared_with: string;
  /** '$DEFAULT', '$LATEST' or a version number, as text. */
  shared_version: string;
}

export interface DocumentTagsTable {
  account_id: string;
  region: string;
  name: string;
  tag_key: string;
  tag_value: string;
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_permissions: DocumentPermissionsTable;
  document_tags: DocumentTagsTable;
}
