import { AwsError } from '../../operations/errors';

/** The parameter types a Command document may declare (Automation adds AWS::… types, checked only structurally). */
export const COMMAND_PARAMETER_TYPES = ['String', 'StringList', 'Boolean', 'Integer', 'MapList', 'StringMap'] as const;

/** One declared document parameter, as read from the content's `parameters` map. */
export interface DocumentParameterSpec {
  name: string;
  type: string;
  description?: string;
  /** Absent means required. Any JSON value (a StringList default is an array, a StringMap one an object). */
  default?: unknown;
  allowedValues?: string[];
  allowedPattern?: string;
  minChars?: number;
  maxChars?: number;
  minItems?: number;
  maxItems?: number;
  displayType?: string;
}

/** AWS: parameter names are letters, digits and underscores (the `{{ name }}` syntax depends on it). */
const PARAMETER_NAME = /^[a-zA-Z0-9_]+$/;

const invalid = (message: string) => new AwsError('InvalidDocumentContent', message);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `parameters` from document content; `types` limits the allowed types (undefined: any non-empty string). */
export function parseParameterSpecs(raw: unknown, types?: readonly string[]): DocumentParameterSpec[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw invalid('parameters must be a map of parameter name to its definition.');
  return Object.entries(raw).map(([name, def]) => {
    if (!PARAMETER_NAME.test(name)) throw invalid(`Parameter name "${name}" is not valid: use letters, digits and underscores only.`);
    if (!isObject(def)) throw invalid(`Parameter "${name}" must be an object with a type.`);
    const type = def.type;
    if (typeof type !== 'string' || !type) throw invalid(`Parameter "${name}" has no type.`);
    if (types && !types.includes(type)) {
      throw invalid(`Parameter "${name}" has type "${type}"; the allowed types are ${types.join(', ')}.`);
    }
    const spec: DocumentParameterSpec = { name, type };
    if (def.description !== undefined) spec.description = String(def.description);
    if ('default' in def) spec.default = def.default;
    if (def.allowedValues !== undefined) {
      if (!Array.isArray(def.allowedValues)) throw invalid(`Parameter "${name}": allowedValues must be a list.`);
      spec.allowedValues = def.allowedValues.map(String);
    }
    if (def.allowedPattern !== undefined) {
      if (typeof def.allowedPattern !== 'string') throw invalid(`Parameter "${name}": allowedPattern must be a string.`);
      try {
        new RegExp(def.allowedPattern);
      } catch {
        throw invalid(`Parameter "${name}": allowedPattern "${def.allowedPattern}" is not a valid regular expression.`);
      }
      spec.allowedPattern = def.allowedPattern;
    }
    for (const key of ['minChars', 'maxChars', 'minItems', 'maxItems'] as const) {
      if (def[key] === undefined) continue;
      const n = Number(def[key]);
      if (!Number.isInteger(n) || n < 0) throw invalid(`Parameter "${name}": ${key} must be a whole number.`);
      spec[key] = n;
    }
    if (def.displayType !== undefined) spec.displayType = String(def.displayType);
    return spec;
  });
}

/** DescribeDocument's Parameters: AWS reports the default as text (JSON text for lists and maps). */
export function toDocumentParameter(spec: DocumentParameterSpec): { Name: string; Type: string; Description?: string; DefaultValue?: string } {
  return {
    Name: spec.name,
    Type: spec.type,
    ...(spec.description !== undefined ? { Description: spec.description } : {}),
    ...(spec.default !== undefined ? { DefaultValue: typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default) } : {}),
  };
}
