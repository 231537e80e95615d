import type { runCommand } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { ExecutableDocument } from './executable';
import { resolveParameters } from './resolve-parameters';

type RunCommandStep = runCommand.RunCommandStep;

/** AWS: aws:runDocument may nest documents three levels deep. */
const MAX_NESTING = 3;

const WHOLE_REFERENCE = /^\s*\{\{\s*([a-zA-Z0-9_]+)\s*\}\}\s*$/;
const REFERENCE = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;
const SSM_REFERENCE = /\{\{\s*ssm:([^}\s]+)\s*\}\}/g;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The steps a node runs: mainSteps (2.2) or runtimeConfig (1.2) with every `{{ name }}`
 * substituted and every `{{ssm:/path}}` read through `readParameter` (the caller reads it under
 * the node's role). aws:runDocument steps naming an SSM document become that document's steps.
 */
export async function renderSteps(
  doc: ExecutableDocument,
  parameters: Record<string, unknown>,
  readParameter: (name: string) => Promise<string>,
): Promise<RunCommandStep[]> {
  const cache = new Map<string, Promise<string>>();
  const read = (name: string) => {
    if (!cache.has(name)) cache.set(name, readParameter(name));
    return cache.get(name)!;
  };
  return render(doc, parameters, read, 0);
}

async function render(doc: ExecutableDocument, parameters: Record<string, unknown>, read: (name: string) => Promise<string>, depth: number): Promise<RunCommandStep[]> {
  const out: RunCommandStep[] = [];
  for (const raw of rawSteps(doc)) {
    const inputs = (await resolveSsm(substitute(raw.inputs, parameters), read)) as Record<string, unknown>;
    const step: RunCommandStep = { name: raw.name, action: raw.action, inputs, ...(raw.precondition ? { precondition: raw.precondition } : {}) };
    if (step.action === 'aws:runDocument' && inputs.documentType === 'SSMDocument') {
      out.push(...(await expandNested(doc, step, read, depth)));
    } else {
      out.push(step);
    }
  }
  return out;
}

/** The document's steps before substitution, the same shape for schema 2.2 and 1.2. */
export function rawSteps(doc: Pick<ExecutableDocument, 'content' | 'schemaVersion'>): Array<{ name: string; action: string; inputs: unknown; precondition?: RunCommandStep['precondition'] }> {
  const content = isObject(doc.content) ? doc.content : {};
  if (Array.isArray(content.mainSteps)) {
    return content.mainSteps.filter(isObject).map((s) => ({
      name: String(s.name),
      action: String(s.action),
      inputs: s.inputs ?? {},
      ...(isObject(s.precondition) ? { precondition: s.precondition as RunCommandStep['precondition'] } : {}),
    }));
  }
  // Schema 1.2: runtimeConfig maps a plugin to its properties (one object or a list of them).
  const steps = [];
  for (const [action, plugin] of Object.entries(isObject(content.runtimeConfig) ? content.runtimeConfig : {})) {
    const properties = isObject(plugin) ? plugin.properties : undefined;
    const list = Array.isArray(properties) ? properties : properties === undefined ? [] : [properties];
    for (const [i, p] of list.filter(isObject).entries()) {
      const { id, ...inputs } = p;
      steps.push({ name: typeof id === 'string' ? id : `${i}.${action}`, action, inputs });
    }
  }
  return steps;
}

/** A value that is exactly `{{ name }}` takes the parameter's own type; inside text it is written out. */
function substitute(value: unknown, parameters: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole && whole[1] in parameters) return parameters[whole[1]];
    return value.replace(REFERENCE, (text, name: string) => (name in parameters ? asText(parameters[name]) : text));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, parameters));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, parameters)]));
  return value;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  // AWS: a list inside text is written one item per line, like the commands of a script.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

async function resolveSsm(value: unknown, read: (name: string) => Promise<string>): Promise<unknown> {
  if (typeof value === 'string') {
    const names = [...value.matchAll(SSM_REFERENCE)].map((m) => m[1]);
    if (names.length === 0) return value;
    const found = new Map(await Promise.all(names.map(async (n) => [n, await read(n)] as const)));
    return value.replace(SSM_REFERENCE, (_t, name: string) => found.get(name)!);
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveSsm(v, read)));
  if (isObject(value)) {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveSsm(v, read)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

async function expandNested(parent: ExecutableDocument, step: RunCommandStep, read: (name: string) => Promise<string>, depth: number): Promise<RunCommandStep[]> {
  if (depth + 1 > MAX_NESTING) {
    throw new AwsError('InvalidDocument', `Document ${parent.name} nests aws:runDocument more than ${MAX_NESTING} levels deep.`);
  }
  if (!parent.loadDocument) throw new AwsError('InvalidDocument', `Step ${step.name} runs another document, which cannot be loaded here.`);
  const sourceInfo = toObject(step.inputs.sourceInfo);
  const path = step.inputs.documentPath ?? sourceInfo.name;
  if (typeof path !== 'string' || !path) throw new AwsError('InvalidParameters', `Step ${step.name} names no document to run (documentPath).`);
  // AWS: "name:version" (or "arn…:document/name:version"); no version means the default.
  const pinned = /^(.+):([1-9][0-9]*|\$LATEST|\$DEFAULT)$/.exec(path);
  const nested = await parent.loadDocument(pinned ? pinned[1] : path, pinned?.[2]);
  const given = Object.fromEntries(Object.entries(toObject(step.inputs.documentParameters)).map(([k, v]) => [k, asWireValue(v)]));
  const parameters = resolveParameters(nested, given);
  const inner = await render({ ...nested, loadDocument: nested.loadDocument ?? parent.loadDocument }, parameters, read, depth + 1);
  return inner.map((s) => ({ ...s, name: `${step.name}.${s.name}` }));
}

/** documentParameters and sourceInfo arrive as objects or as JSON text. */
function toObject(value: unknown): Record<string, unknown> {
  if (isObject(value)) return value;
  if (typeof value === 'string' && value.trim()) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isObject(parsed)) return parsed;
    } catch {
      // fall through: not an object
    }
    throw new AwsError('InvalidParameters', `"${value}" is not a JSON object.`);
  }
  return {};
}

/** The SendCommand wire shape (a list of strings) of a nested document's parameter value. */
function asWireValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (typeof value === 'string') return [value];
  return [JSON.stringify(value)];
}
