import { AwsError } from '../../operations/errors';

/**
 * Parameter names, as Parameter Store judges them. A name is either plain (`db-password`) or
 * `/`-rooted (`/dept/app/db/pwd`); the same rules answer GetParameter*, so a bad name is a
 * ValidationException wherever it appears.
 */

// AWS: the message AWS answers for every malformed name, whatever the fault.
export const BAD_NAME_MESSAGE =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

export const MAX_HIERARCHY_LEVELS = 15;
// AWS: the 1011-character limit counts the whole ARN, not just the name.
export const MAX_ARN_LENGTH = 1011;

const SEGMENT = /^[a-zA-Z0-9_.-]+$/;

/** The resource ARN AWS forms: `parameter/` + the name without its leading slash. */
export function parameterArn(region: string, accountId: string, name: string): string {
  return `arn:aws:ssm:${region}:${accountId}:parameter/${name.startsWith('/') ? name.slice(1) : name}`;
}

/**
 * Throws AWS's errors for a malformed name. `forWrite` adds the reserved-prefix rule: AWS
 * publishes its own read-only parameters under /aws/…, so reads may name them.
 */
export function assertValidName(name: string, region: string, accountId: string, forWrite = true): void {
  const plain = name.startsWith('/') ? name.slice(1) : name;
  // AWS: a name may not contain "/" unless it is /-rooted, and no segment may be empty.
  if (!name.startsWith('/') && name.includes('/')) throw new AwsError('ValidationException', BAD_NAME_MESSAGE);
  const segments = plain.split('/');
  if (segments.some((s) => !SEGMENT.test(s))) throw new AwsError('ValidationException', BAD_NAME_MESSAGE);
  if (forWrite && /^(aws|ssm)/i.test(segments[0])) throw new AwsError('ValidationException', BAD_NAME_MESSAGE);
  if (segments.length > MAX_HIERARCHY_LEVELS) {
    throw new AwsError(
      'HierarchyLevelLimitExceededException',
      `A hierarchy can have a maximum of ${MAX_HIERARCHY_LEVELS} levels. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html`,
    );
  }
  if (parameterArn(region, accountId, name).length > MAX_ARN_LENGTH) {
    throw new AwsError(
      'ValidationException',
      `Parameter name: The maximum length for a parameter name, including the full length of the parameter ARN, is ${MAX_ARN_LENGTH} characters.`,
    );
  }
}

/** `name`, `name:3` or `name:prod` as GetParameter(s) accept them. */
export interface NameReference {
  name: string;
  version?: number;
  label?: string;
  /** `:3` or `:prod`, echoed as the Parameter's Selector. */
  selector?: string;
}

export function parseNameReference(reference: string): NameReference {
  // AWS: names cannot contain ":", so the last one separates a version or label.
  const at = reference.lastIndexOf(':');
  if (at < 0) return { name: reference };
  const name = reference.slice(0, at);
  const selector = reference.slice(at);
  const rest = reference.slice(at + 1);
  if (/^[0-9]+$/.test(rest)) return { name, version: Number(rest), selector };
  return { name, label: rest, selector };
}

/** The path a parameter sits in, for one-level listings: `/a/b/c` → `/a/b`, `/c` → `/`, `c` → ``. */
export function parentPath(name: string): string {
  if (!name.startsWith('/')) return '';
  const at = name.lastIndexOf('/');
  return at <= 0 ? '/' : name.slice(0, at);
}

/** A GetParametersByPath/Path-filter path: `/`-rooted, no trailing slash except the root. */
export function normalisePath(path: string): string {
  if (!path.startsWith('/')) throw new AwsError('ValidationException', BAD_NAME_MESSAGE);
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const segments = trimmed === '/' ? [] : trimmed.slice(1).split('/');
  if (segments.some((s) => !SEGMENT.test(s))) throw new AwsError('ValidationException', BAD_NAME_MESSAGE);
  if (segments.length > MAX_HIERARCHY_LEVELS) {
    throw new AwsError('ValidationException', `The parameter path can have a maximum of ${MAX_HIERARCHY_LEVELS} levels.`);
  }
  return trimmed;
}
