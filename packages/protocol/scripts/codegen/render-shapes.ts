import type { Shape } from '../../src/contract';
import { reachableShapes, type Model, type ModelShape } from './model';

/** The compact table entry for one model shape: constraints only. */
export function compactShape(shape: ModelShape): Shape {
  const bounds = { ...(shape.min !== undefined && { min: shape.min }), ...(shape.max !== undefined && { max: shape.max }) };
  const sensitive = shape.sensitive ? { sensitive: true } : {};
  switch (shape.type) {
    case 'structure': {
      const members = Object.fromEntries(Object.entries(shape.members ?? {}).map(([n, m]) => [n, m.shape]));
      return {
        type: 'structure',
        members,
        ...(shape.required?.length && { required: shape.required }),
        ...(shape.union && { union: true }),
        ...sensitive,
      };
    }
    case 'string':
      return {
        type: 'string',
        ...bounds,
        ...(shape.pattern !== undefined && { pattern: shape.pattern }),
        ...(shape.enum && { enum: shape.enum }),
        ...sensitive,
      };
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return { type: shape.type, ...bounds };
    case 'list':
      return { type: 'list', member: shape.member!.shape, ...bounds, ...sensitive };
    case 'map':
      return { type: 'map', key: shape.key!.shape, value: shape.value!.shape, ...bounds, ...sensitive };
    case 'blob':
      return { type: 'blob', ...bounds, ...sensitive };
    case 'boolean':
    case 'timestamp':
      return { type: shape.type, ...sensitive };
    default:
      throw new Error(`unsupported shape type ${shape.type}`);
  }
}

export function renderShapes(svc: string, model: Model, header: string): string {
  const lines = reachableShapes(model).map(
    (name) => `  ${JSON.stringify(name)}: ${JSON.stringify(compactShape(model.shapes[name]))},`,
  );
  return [
    header,
    "import type { ShapeTable } from '../../contract';",
    '',
    `/** Every ${svc} shape an operation's input or output reaches, with its constraints. */`,
    'export const shapes: ShapeTable = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}
