import type { SsmTypes } from '@bosun/protocol';
import { contentHash } from './content';
import { toDocumentParameter } from './parameter-spec';
import type { DocumentVersionView } from './resolve';

/** DescribeDocument / CreateDocument / UpdateDocument's DocumentDescription of one version. */
export function toDescription(view: DocumentVersionView, tags: Record<string, string>): SsmTypes.DocumentDescription {
  return {
    Hash: contentHash(view.content),
    HashType: 'Sha256',
    Name: view.name,
    ...(view.displayName ? { DisplayName: view.displayName } : {}),
    ...(view.versionName ? { VersionName: view.versionName } : {}),
    Owner: view.owner,
    CreatedDate: view.createdDate,
    // AWS: Bosun validates synchronously, so a stored version is always Active.
    Status: 'Active',
    DocumentVersion: String(view.version),
    ...(view.description ? { Description: view.description } : {}),
    Parameters: view.parameters.map(toDocumentParameter) as SsmTypes.DocumentParameter[],
    PlatformTypes: view.platformTypes as SsmTypes.PlatformType[],
    DocumentType: view.documentType as SsmTypes.DocumentType,
    SchemaVersion: view.schemaVersion,
    LatestVersion: String(view.latestVersion),
    DefaultVersion: String(view.defaultVersion),
    DocumentFormat: view.format,
    ...(view.targetType ? { TargetType: view.targetType } : {}),
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

/** ListDocuments' DocumentIdentifier. */
export function toIdentifier(view: DocumentVersionView, tags: Record<string, string>): SsmTypes.DocumentIdentifier {
  return {
    Name: view.name,
    CreatedDate: view.createdDate,
    ...(view.displayName ? { DisplayName: view.displayName } : {}),
    Owner: view.owner,
    ...(view.versionName ? { VersionName: view.versionName } : {}),
    PlatformTypes: view.platformTypes as SsmTypes.PlatformType[],
    DocumentVersion: String(view.version),
    DocumentType: view.documentType as SsmTypes.DocumentType,
    SchemaVersion: view.schemaVersion,
    DocumentFormat: view.format,
    ...(view.targetType ? { TargetType: view.targetType } : {}),
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  };
}
