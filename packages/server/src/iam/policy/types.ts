/** The parsed, normalised shape of an IAM policy document. String-or-array fields are always arrays. */

export type PolicyVersion = '2012-10-17' | '2008-10-17';

/** `{ AWS: [...], Service: [...] }` or the bare `"*"` (stored as `{ '*': ['*'] }`). */
export type PrincipalBlock = Record<string, string[]>;

/** Operator (as written, e.g. `ForAnyValue:StringLikeIfExists`) → condition key → values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface Statement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  condition?: ConditionBlock;
}

export interface Policy {
  /** Absent Version is kept as undefined: AWS then treats policy variables as literal text. */
  version?: PolicyVersion;
  id?: string;
  statements: Statement[];
}

/** Thrown for a document IAM would refuse; `message` is IAM's MalformedPolicyDocument wording. */
export class PolicyError extends Error {
  readonly code = 'MalformedPolicyDocument';
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}
