/**
 * The smallest valid wire value (JSON-ready) for a shape: required members only, each at
 * its minimum. Test support for sweeping every operation of a contract.
 */
import type { ShapeTable } from '../contract';
import { exampleString } from './example-string';

export function minimalValue(shapes: ShapeTable, name: string, depth = 0): unknown {
  if (depth > 20) throw new Error(`required members recurse through ${name}`);
  const shape = shapes[name];
  switch (shape.type) {
    case 'structure':
      return Object.fromEntries(
        (shape.union ? [] : shape.required ?? []).map((m) => [m, minimalValue(shapes, shape.members[m], depth + 1)]),
      );
    case 'string':
      return exampleString(shape);
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return shape.min ?? (shape.max !== undefined && shape.max < 1 ? shape.max : 1);
    case 'boolean':
      return true;
    case 'timestamp':
      return 1_700_000_000;
    case 'blob':
      return Buffer.alloc(Math.max(shape.min ?? 1, 1), 97).toString('base64');
    case 'list':
      return Array.from({ length: shape.min ?? 0 }, () => minimalValue(shapes, shape.member, depth + 1));
    case 'map': {
      const key = minimalValue(shapes, shape.key, depth + 1) as string;
      return shape.min ? { [key]: minimalValue(shapes, shape.value, depth + 1) } : {};
    }
  }
}
