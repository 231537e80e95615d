/**
 * The database's tables, as Kysely sees them. Each room declares its own tables in its own
 * file; this interface joins them. Columns: snake_case, text ids, ISO-8601 UTC text times,
 * JSON as text, booleans as integers 0/1 — so SQLite and PostgreSQL behave the same.
 */
import type { IdentityTables } from '../iam/store/tables';
import type { AuditTables } from '../audit/tables';
import type { KmsTables } from '../kms/tables';
import type { EventTables } from '../events/tables';
import type { ParameterTables } from '../features/parameters/tables';
import type { AgentTables } from '../agents/tables';
import type { DocumentTables } from '../features/documents/tables';
import type { CommandTables } from '../features/commands/tables';
import type { SessionTables } from '../features/sessions/tables';
import type { ServiceSettingTables } from '../features/service-settings/tables';
import type { BlobTables } from '../blobs/tables';

export interface Database extends IdentityTables, AuditTables, KmsTables, EventTables, ParameterTables, AgentTables, DocumentTables, CommandTables, SessionTables, ServiceSettingTables, BlobTables {}
