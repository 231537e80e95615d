/**
 * The shape of the generated contract: what the validator and the codecs read.
 * Only what validation and serialisation need — no documentation, no prose.
 */

export type ServiceId = 'ssm' | 'kms' | 'sts' | 'iam';

export interface StructureShape {
  type: 'structure';
  /** Member name → target shape name, in model order. */
  members: Record<string, string>;
  required?: string[];
  sensitive?: boolean;
  /** Exactly one member may be set (a tagged union in the model). */
  union?: boolean;
}

export interface StringShape {
  type: 'string';
  min?: number;
  max?: number;
  /** Java-flavoured regular expression as written in the model. */
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
}

export interface NumberShape {
  type: 'integer' | 'long' | 'double' | 'float';
  min?: number;
  max?: number;
}

export interface ListShape {
  type: 'list';
  member: string;
  min?: number;
  max?: number;
  sensitive?: boolean;
}

export interface MapShape {
  type: 'map';
  key: string;
  value: string;
  min?: number;
  max?: number;
  sensitive?: boolean;
}

export interface BlobShape {
  type: 'blob';
  min?: number;
  max?: number;
  sensitive?: boolean;
}

export interface ScalarShape {
  type: 'boolean' | 'timestamp';
  sensitive?: boolean;
}

export type Shape = StructureShape | StringShape | NumberShape | ListShape | MapShape | BlobShape | ScalarShape;

export type ShapeTable = Record<string, Shape>;

export interface OperationSpec {
  input?: string;
  output?: string;
  /** Query protocol: the element that wraps the result (`GetUserResult`). */
  resultWrapper?: string;
  /** Error codes (as on the wire) the model says this operation may answer. */
  errors: string[];
  /** Callable without a signature (STS AssumeRoleWithWebIdentity, …). */
  unsigned?: boolean;
}

export interface ErrorSpec {
  /** Shape name in the model (differs from the code for Query services). */
  shape: string;
  statusCode: number;
  fault: 'client' | 'server';
}

export interface ServiceMetadata {
  protocol: 'json' | 'query';
  apiVersion: string;
  endpointPrefix: string;
  signingName: string;
  /** JSON services: the X-Amz-Target prefix (`AmazonSSM`, `TrentService`). */
  targetPrefix?: string;
  jsonVersion?: string;
  /** Query services: the XML namespace of responses. */
  xmlNamespace?: string;
}

export interface ServiceContract extends ServiceMetadata {
  operations: Record<string, OperationSpec>;
  shapes: ShapeTable;
  errors: Record<string, ErrorSpec>;
}
