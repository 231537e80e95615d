// The botocore models of the two Query-protocol services, read straight from the project's
// stripped copies; the codec walks them to know every member's type and order.
import { createRequire } from 'node:module';

export type QueryService = 'iam' | 'sts';

export interface ShapeRef {
  shape: string;
  locationName?: string;
  flattened?: boolean;
}

export type Shape =
  | { type: 'structure'; members: Record<string, ShapeRef>; required?: string[] }
  | { type: 'list'; member: ShapeRef; flattened?: boolean }
  | { type: 'map'; key: ShapeRef; value: ShapeRef; flattened?: boolean }
  | { type: 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob' };

export interface QueryOperation {
  name: string;
  input?: ShapeRef;
  output?: ShapeRef & { resultWrapper?: string };
}

export interface QueryModel {
  metadata: { apiVersion: string; xmlNamespace: string };
  operations: Record<string, QueryOperation>;
  shapes: Record<string, Shape>;
}

const require = createRequire(import.meta.url);
const cache = new Map<QueryService, QueryModel>();

export function queryModel(service: QueryService): QueryModel {
  let model = cache.get(service);
  if (!model) {
    model = require(`../../../../protocol/models/${service}.json`) as QueryModel;
    cache.set(service, model);
  }
  return model;
}

/** Looks an operation up by its exact (case-sensitive) name, ignoring inherited object keys. */
export function findOperation(model: QueryModel, action: string): QueryOperation | undefined {
  return Object.hasOwn(model.operations, action) ? model.operations[action] : undefined;
}
