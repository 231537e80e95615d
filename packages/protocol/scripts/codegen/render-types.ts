import { reachableShapes, type Model } from './model';

/** Names that would shadow a global or our own exports if a shape were called that. */
const RESERVED = new Set(['Array', 'Boolean', 'Date', 'Error', 'Map', 'Number', 'Object', 'Operations',
  'OperationName', 'Partial', 'Promise', 'Record', 'Set', 'String', 'Uint8Array', 'Empty']);

export const typeName = (shape: string): string => (RESERVED.has(shape) ? `${shape}Shape` : shape);

const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

/** Whether a shape gets its own declaration (structures and enums) or is written inline. */
function declared(model: Model, name: string): boolean {
  const s = model.shapes[name];
  return s.type === 'structure' || (s.type === 'string' && s.enum !== undefined);
}

function tsType(model: Model, name: string): string {
  const s = model.shapes[name];
  if (declared(model, name)) return typeName(name);
  switch (s.type) {
    case 'string': return 'string';
    case 'integer': case 'long': case 'double': case 'float': return 'number';
    case 'boolean': return 'boolean';
    case 'timestamp': return 'Date';
    case 'blob': return 'Uint8Array';
    case 'list': return `Array<${tsType(model, s.member!.shape)}>`;
    case 'map': return `Record<string, ${tsType(model, s.value!.shape)}>`;
    default: throw new Error(`unsupported shape type ${s.type}`);
  }
}

function declaration(model: Model, name: string): string {
  const s = model.shapes[name];
  if (s.type === 'string') return `export type ${typeName(name)} = ${s.enum!.map((v) => JSON.stringify(v)).join(' | ')};`;
  const members = Object.entries(s.members ?? {});
  if (members.length === 0) return `export type ${typeName(name)} = Empty;`;
  const required = new Set(s.union ? [] : s.required ?? []);
  const lines = members.map(([m, ref]) => `  ${key(m)}${required.has(m) ? '' : '?'}: ${tsType(model, ref.shape)};`);
  return [`export interface ${typeName(name)} {`, ...lines, '}'].join('\n');
}

export function renderTypes(svc: string, model: Model, header: string): string {
  const decls = reachableShapes(model).filter((n) => declared(model, n)).map((n) => declaration(model, n));
  const ops = Object.keys(model.operations).sort().map((n) => {
    const op = model.operations[n];
    const input = op.input ? typeName(op.input.shape) : 'Empty';
    const output = op.output ? typeName(op.output.shape) : 'Empty';
    return `  ${n}: { input: ${input}; output: ${output} };`;
  });
  return [
    header,
    '/* eslint-disable */',
    '/** A structure with no members. */',
    'export type Empty = Record<string, never>;',
    '',
    ...decls.flatMap((d) => [d, '']),
    `/** Request and response type of every ${svc} operation. */`,
    'export interface Operations {',
    ...ops,
    '}',
    '',
  ].join('\n');
}
