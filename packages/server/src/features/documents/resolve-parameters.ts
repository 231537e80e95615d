import { AwsError } from '../../operations/errors';
import type { DocumentParameterSpec } from './parameter-spec';

/** `{{ssm:/path}}`: resolved later, under the node's role, so its text is not checked here. */
const SSM_REFERENCE = /\{\{\s*ssm:[^}]+\}\}/;

const bad = (message: string) => new AwsError('InvalidParameters', message);

/**
 * Checks SendCommand's Parameters (every value a list of strings, as on the wire) against the
 * document's declarations and returns the whole map with defaults filled in, each value in its
 * declared type: String → string, StringList → string[], Boolean → boolean, Integer → number,
 * StringMap → object, MapList → object[].
 */
export function resolveParameters(doc: { parameters: DocumentParameterSpec[] }, given: Record<string, string[]> | undefined): Record<string, unknown> {
  const specs = new Map(doc.parameters.map((p) => [p.name, p]));
  for (const name of Object.keys(given ?? {})) {
    // AWS: a parameter the document does not declare is refused, not ignored.
    if (!specs.has(name)) throw bad(`Parameter "${name}" is not declared by the document. Declared parameters: ${[...specs.keys()].join(', ') || 'none'}.`);
  }
  const out: Record<string, unknown> = {};
  for (const spec of doc.parameters) {
    const values = given?.[spec.name];
    if (values === undefined) {
      if (spec.default === undefined) throw bad(`Parameter "${spec.name}" is required but was not given.`);
      out[spec.name] = spec.default;
      continue;
    }
    out[spec.name] = convert(spec, values);
  }
  return out;
}

function convert(spec: DocumentParameterSpec, values: string[]): unknown {
  const single = (): string => {
    if (values.length !== 1) throw bad(`Parameter "${spec.name}" is of type ${spec.type} and takes exactly one value; ${values.length} were given.`);
    return values[0];
  };
  switch (spec.type) {
    case 'StringList':
      checkItems(spec, values.length);
      values.forEach((v) => checkString(spec, v));
      return values;
    case 'Boolean': {
      const v = single();
      if (SSM_REFERENCE.test(v)) return v;
      if (v !== 'true' && v !== 'false') throw bad(`Parameter "${spec.name}" is of type Boolean: "${v}" is neither true nor false.`);
      return v === 'true';
    }
    case 'Integer': {
      const v = single();
      if (SSM_REFERENCE.test(v)) return v;
      if (!/^-?\d+$/.test(v.trim())) throw bad(`Parameter "${spec.name}" is of type Integer: "${v}" is not a whole number.`);
      checkString(spec, v.trim());
      return Number(v.trim());
    }
    case 'StringMap': {
      const parsed = parseJson(spec, single());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad(`Parameter "${spec.name}" is of type StringMap: give a JSON object.`);
      return parsed;
    }
    case 'MapList': {
      // AWS: either one JSON list, or one JSON object per value.
      const parsed = values.length === 1 && values[0].trim().startsWith('[') ? parseJson(spec, values[0]) : values.map((v) => parseJson(spec, v));
      if (!Array.isArray(parsed) || parsed.some((m) => typeof m !== 'object' || m === null || Array.isArray(m))) {
        throw bad(`Parameter "${spec.name}" is of type MapList: give a JSON list of objects.`);
      }
      checkItems(spec, parsed.length);
      return parsed;
    }
    default: {
      const v = single();
      checkString(spec, v);
      return v;
    }
  }
}

function parseJson(spec: DocumentParameterSpec, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw bad(`Parameter "${spec.name}" is of type ${spec.type}: "${text}" is not valid JSON.`);
  }
}

function checkItems(spec: DocumentParameterSpec, count: number): void {
  if (spec.minItems !== undefined && count < spec.minItems) throw bad(`Parameter "${spec.name}" needs at least ${spec.minItems} item(s); ${count} given.`);
  if (spec.maxItems !== undefined && count > spec.maxItems) throw bad(`Parameter "${spec.name}" takes at most ${spec.maxItems} item(s); ${count} given.`);
}

function checkString(spec: DocumentParameterSpec, value: string): void {
  // The referenced parameter's value is what counts; it is known only once read under the node's role.
  if (SSM_REFERENCE.test(value)) return;
  if (spec.minChars !== undefined && value.length < spec.minChars) throw bad(`Parameter "${spec.name}" must be at least ${spec.minChars} character(s) long.`);
  if (spec.maxChars !== undefined && value.length > spec.maxChars) throw bad(`Parameter "${spec.name}" must be at most ${spec.maxChars} character(s) long.`);
  if (spec.allowedValues && !spec.allowedValues.includes(value)) {
    throw bad(`Parameter "${spec.name}" has value "${value}", which is not one of the allowed values: ${spec.allowedValues.join(', ')}.`);
  }
  // AWS: allowedPattern must match the whole value.
  if (spec.allowedPattern && !new RegExp(`^(?:${spec.allowedPattern})$`).test(value)) {
    throw bad(`Parameter "${spec.name}" has value "${value}", which does not match the allowed pattern ${spec.allowedPattern}.`);
  }
}
