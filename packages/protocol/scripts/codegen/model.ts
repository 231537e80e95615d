/** The parts of a botocore service-2.json model that the generator reads. */
export interface ModelShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  union?: boolean;
  exception?: boolean;
  fault?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export interface ModelOperation {
  name: string;
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: Array<{ shape: string }>;
  authtype?: string;
  auth?: string[];
}

export interface Model {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: string;
    signingName?: string;
    targetPrefix?: string;
    jsonVersion?: string;
    xmlNamespace?: string;
  };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

/** Shape names one shape refers to directly. */
export function childShapes(shape: ModelShape): string[] {
  if (shape.type === 'structure') return Object.values(shape.members ?? {}).map((m) => m.shape);
  if (shape.type === 'list') return [shape.member!.shape];
  if (shape.type === 'map') return [shape.key!.shape, shape.value!.shape];
  return [];
}

/** Every shape reachable from an operation's input or output, sorted by name. */
export function reachableShapes(model: Model): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    childShapes(model.shapes[name]).forEach(visit);
  };
  for (const op of Object.values(model.operations)) {
    if (op.input) visit(op.input.shape);
    if (op.output) visit(op.output.shape);
  }
  return [...seen].sort();
}

/** The wire code of an error shape: Query services rename it (`EntityAlreadyExists`). */
export function errorCode(name: string, shape: ModelShape): string {
  return shape.error?.code ?? name;
}
