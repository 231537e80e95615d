import { AwsError } from '../../operations/errors';

/**
 * Key policies are stored and returned, not evaluated (identity policies decide in Bosun).
 * They must still be a JSON policy document, as AWS insists.
 */
export function checkKeyPolicy(policy: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw new AwsError('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw new AwsError('MalformedPolicyDocumentException', 'Policy contains a statement with no Statement element.');
  }
  return policy;
}

/** AWS: a key has exactly one policy, named "default". */
export function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== 'default') throw new AwsError('NotFoundException', `No such policy exists: ${name}`);
}
