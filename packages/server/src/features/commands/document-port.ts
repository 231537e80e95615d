/**
 * The Documents room's API as Run Command uses it. The steps are rendered once, at send time,
 * under the caller's rights (nested aws:runDocument included); `{{ssm:/path}}` references are
 * kept as written and resolved per node, under the node's role, just before delivery.
 */
import type { runCommand } from '@bosun/protocol';
import type { RequestContext } from '../../operations/types';
import { documentForExecution, renderSteps, resolveParameters } from '../documents/index';

type RunCommandStep = runCommand.RunCommandStep;

export interface PreparedDocument {
  name: string;
  arn: string;
  documentVersion: string;
  platformTypes: string[];
  steps: RunCommandStep[];
}

/** The document's ARN (for IAM) without rendering anything; AWS's InvalidDocument when unknown. */
export async function documentArn(ctx: RequestContext, nameOrArn: string, version?: string): Promise<string> {
  return (await documentForExecution(ctx, nameOrArn, version)).arn;
}

export async function prepareDocument(ctx: RequestContext, nameOrArn: string, version: string | undefined, given: Record<string, string[]> | undefined): Promise<PreparedDocument> {
  const doc = await documentForExecution(ctx, nameOrArn, version);
  const parameters = resolveParameters(doc, given);
  // Keep {{ssm:…}} as written: the node's role reads it at delivery (ssm-references.ts).
  const steps = await renderSteps(doc, parameters, async (name) => `{{ssm:${name}}}`);
  return { name: doc.name, arn: doc.arn, documentVersion: doc.documentVersion, platformTypes: doc.platformTypes ?? [], steps };
}
