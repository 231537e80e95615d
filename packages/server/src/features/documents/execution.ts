import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import { parseContent } from './content';
import type { ExecutableDocument } from './executable';
import { readDocumentVersion } from './resolve';

/** AWS: only these document types can be sent to nodes with SendCommand. */
const RUNNABLE_TYPES = ['Command', 'Policy'];

/**
 * The document to run: a name or ARN (own, shared with the caller, or built-in) at '$DEFAULT'
 * (when none), '$LATEST' or a version number. AWS's InvalidDocument / InvalidDocumentVersion
 * otherwise. The result can load the documents its aws:runDocument steps name.
 */
export async function documentForExecution(ctx: RequestContext, nameOrArn: string, version?: string): Promise<ExecutableDocument> {
  const view = await readDocumentVersion(ctx, nameOrArn, version);
  if (!RUNNABLE_TYPES.includes(view.documentType)) {
    throw new AwsError('InvalidDocument', `Document ${view.name} is of type ${view.documentType}; only Command documents can be sent to nodes.`);
  }
  return {
    name: view.name,
    arn: view.arn,
    documentVersion: String(view.version),
    documentType: view.documentType,
    schemaVersion: view.schemaVersion,
    content: parseContent(view.content, view.format),
    parameters: view.parameters,
    platformTypes: view.platformTypes,
    loadDocument: (name, v) => documentForExecution(ctx, name, v),
  };
}
