/**
 * The document a session runs: a Session document the caller may read (own, shared or
 * Amazon's), its parameters checked as SendCommand checks them, its `properties` with
 * `{{ name }}` filled in, and the Session Manager preferences that apply to it.
 */
import type { SessionTypeName } from '@bosun/protocol/agent/messages';
import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import {
  DEFAULT_SESSION_INPUTS, SESSION_PREFERENCES_DOCUMENT, documentResourceArn, parseContent, readDocumentVersion, resolveParameters,
  type DocumentParameterSpec,
} from '../documents/index';
import { parsePreferences, type SessionPreferences } from './preferences';

export interface SessionDocument {
  name: string;
  /** The ARN IAM authorises ssm:StartSession on. */
  arn: string;
  sessionType: SessionTypeName;
  properties: Record<string, unknown>;
  preferences: SessionPreferences;
}

interface Loaded { name: string; arn: string; content: Record<string, unknown>; parameters: DocumentParameterSpec[] }

/** The document's ARN without reading it, for IAM (AWS: the default is SSM-SessionManagerRunShell in the caller's account). */
export function sessionDocumentArn(ctx: RequestContext, nameOrArn: string | undefined): string {
  return documentResourceArn(ctx, nameOrArn ?? SESSION_PREFERENCES_DOCUMENT);
}

export async function loadSessionDocument(ctx: RequestContext, nameOrArn: string | undefined, given: Record<string, string[]> | undefined): Promise<SessionDocument> {
  const doc = await load(ctx, nameOrArn ?? SESSION_PREFERENCES_DOCUMENT);
  const content = doc.content;
  const sessionType = content.sessionType as SessionTypeName;
  const values = resolveParameters({ parameters: doc.parameters }, given);
  const properties = interpolate(content.properties ?? {}, values) as Record<string, unknown>;
  // AWS: a Standard_Stream document carries its own preferences in `inputs`; every other
  // session follows the account's SSM-SessionManagerRunShell.
  const inputs = isObject(content.inputs) ? content.inputs
    : (await load(ctx, SESSION_PREFERENCES_DOCUMENT).catch(() => undefined))?.content.inputs;
  return { name: doc.name, arn: doc.arn, sessionType, properties, preferences: parsePreferences(isObject(inputs) ? inputs : {}) };
}

async function load(ctx: RequestContext, nameOrArn: string): Promise<Loaded> {
  let view;
  try {
    view = await readDocumentVersion(ctx, nameOrArn);
  } catch (e) {
    // AWS: with no preferences saved, the account has no SSM-SessionManagerRunShell and sessions use the defaults.
    if (nameOrArn === SESSION_PREFERENCES_DOCUMENT && e instanceof AwsError && e.code === 'InvalidDocument') {
      return { name: SESSION_PREFERENCES_DOCUMENT, arn: sessionDocumentArn(ctx, undefined), content: { schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: DEFAULT_SESSION_INPUTS }, parameters: [] };
    }
    throw e;
  }
  if (view.documentType !== 'Session') {
    throw new AwsError('InvalidDocument', `Document ${view.name} is of type ${view.documentType}; StartSession needs a Session document.`);
  }
  const content = parseContent(view.content, view.format);
  if (!isObject(content)) throw new AwsError('InvalidDocument', `Document ${view.name} has no content.`);
  return { name: view.name, arn: view.arn, content, parameters: view.parameters };
}

/** `{{ name }}` in strings: a string that is only the reference takes the value as it is (a list stays a list). */
function interpolate(value: unknown, values: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([A-Za-z0-9_]+)\s*\}\}$/.exec(value);
    if (whole && whole[1] in values) return values[whole[1]];
    return value.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (m, name: string) => (name in values ? text(values[name]) : m));
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, values));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, values)]));
  return value;
}

const text = (v: unknown): string => (Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : JSON.stringify(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
