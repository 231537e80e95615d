import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import { canonicalHash, contentHash, parseContent, type ContentFormat } from './content';
import type { NewVersion } from './store';
import { validateContent } from './validate';

/** Types whose content is JSON or YAML (TEXT content is for the types that hold plain text). */
const STRUCTURED_TYPES = ['Command', 'Automation', 'Session', 'Policy', 'Package', 'Automation.ChangeTemplate'];

/** Parses and validates new content: the version row CreateDocument and UpdateDocument store. */
export function newVersion(
  ctx: RequestContext,
  documentType: string,
  input: { Content: string; DocumentFormat?: string; VersionName?: string; DisplayName?: string },
): NewVersion {
  const format = (input.DocumentFormat ?? 'JSON') as ContentFormat;
  if (format === 'TEXT' && STRUCTURED_TYPES.includes(documentType)) {
    throw new AwsError('InvalidDocumentContent', `${documentType} documents are written in JSON or YAML; DocumentFormat TEXT is not allowed for them.`);
  }
  const parsed = parseContent(input.Content, format);
  const facts = format === 'TEXT' ? { schemaVersion: '', parameters: [], platformTypes: [] } : validateContent(documentType, parsed);
  return {
    version_name: input.VersionName ?? null,
    content: input.Content,
    document_format: format,
    content_hash: contentHash(input.Content),
    canonical_hash: canonicalHash(parsed),
    schema_version: facts.schemaVersion,
    description: 'description' in facts && facts.description ? facts.description : null,
    parameters: JSON.stringify(facts.parameters),
    platform_types: JSON.stringify(facts.platformTypes),
    display_name: input.DisplayName ?? null,
    created_date: ctx.now.toISOString(),
  };
}
