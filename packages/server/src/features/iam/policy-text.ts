import { parsePolicy, PolicyError, type ParseOptions } from '../../iam/policy/index';
import { AwsError } from '../../operations/errors';

/** Validates a policy document as IAM does; its faults become MalformedPolicyDocument (400). */
export function checkPolicyDocument(text: string, options: ParseOptions = {}): string {
  try {
    parsePolicy(text, options);
  } catch (e) {
    if (e instanceof PolicyError) throw new AwsError('MalformedPolicyDocument', e.message, 400);
    throw e;
  }
  return text;
}

export const checkTrustPolicy = (text: string): string => checkPolicyDocument(text, { kind: 'trust' });
