import type { SsmTypes } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';

/**
 * What a value may be: its size per tier, its AllowedPattern, its DataType. Error messages never
 * quote the value — it may be a secret.
 */
export const STANDARD_MAX_VALUE = 4096;
export const ADVANCED_MAX_VALUE = 8192;
export const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];

export type Tier = 'Standard' | 'Advanced';

/**
 * The tier the version is stored in. AWS: Intelligent-Tiering picks Advanced only when the value
 * or policies need it; an Advanced parameter is never downgraded; no tier means the default
 * (Standard), except that an existing Advanced parameter stays Advanced.
 */
export function chooseTier(requested: SsmTypes.ParameterTier | undefined, current: Tier | undefined, value: string, hasPolicies: boolean): Tier {
  if (requested === 'Standard' && current === 'Advanced') {
    throw new AwsError(
      'ValidationException',
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
  }
  if (requested === 'Advanced' || current === 'Advanced') return 'Advanced';
  if (requested === 'Intelligent-Tiering') {
    return value.length > STANDARD_MAX_VALUE || hasPolicies ? 'Advanced' : 'Standard';
  }
  return 'Standard';
}

export function assertValueFits(value: string, tier: Tier, hasPolicies: boolean): void {
  if (value.length === 0) {
    // AWS: the model allows an empty value, the service does not.
    throw new AwsError('ValidationException', "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  if (tier === 'Standard' && value.length > STANDARD_MAX_VALUE) {
    throw new AwsError(
      'ValidationException',
      `Standard tier parameters support a maximum parameter value of ${STANDARD_MAX_VALUE} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html`,
    );
  }
  if (value.length > ADVANCED_MAX_VALUE) {
    throw new AwsError('ValidationException', `Advanced tier parameters support a maximum parameter value of ${ADVANCED_MAX_VALUE} characters.`);
  }
  if (tier === 'Standard' && hasPolicies) {
    throw new AwsError('ValidationException', 'Parameter policies are supported only for advanced-tier parameters. Specify the Advanced or Intelligent-Tiering tier and try again.');
  }
}

/** AWS: an AllowedPattern is a regular expression the whole value must match. */
export function compileAllowedPattern(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    throw new AwsError('InvalidAllowedPatternException', 'The request does not meet the regular expression requirement.');
  }
}

export function assertMatchesPattern(value: string, pattern: string | null | undefined): void {
  if (!pattern) return;
  if (!compileAllowedPattern(pattern).test(value)) {
    throw new AwsError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${pattern}`);
  }
}

export function assertDataType(dataType: string, type: string, value: string): void {
  if (!DATA_TYPES.includes(dataType)) {
    throw new AwsError('ValidationException', `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  }
  if (dataType === 'aws:ec2:image') {
    // AWS: only String parameters may hold an AMI id, and the id must be well formed.
    if (type !== 'String') throw new AwsError('ValidationException', 'Parameters with the aws:ec2:image data type must be of type String.');
    if (!/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(value) && !value.startsWith('resolve:ssm:')) {
      throw new AwsError('ValidationException', 'Invalid ami id format. The value must be a valid AMI ID, for example ami-12345678 or ami-1234567890abcdef0.');
    }
  }
}
