import { AwsError } from '../../operations/errors';

/**
 * AWS: without an account password policy, IAM asks for at least 8 characters mixing at least
 * three of uppercase, lowercase, digits and symbols, and not the user's own name.
 */
export function checkPassword(password: string | undefined, userName: string): string {
  if (password === undefined || password === '') throw new AwsError('InvalidInput', 'A password is required.');
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const problems: string[] = [];
  if (password.length < 8) problems.push('Password should have at least 8 characters');
  if (kinds < 3) problems.push('Password should mix at least three of uppercase letters, lowercase letters, numbers and symbols');
  if (password.toLowerCase() === userName.toLowerCase()) problems.push('Password should not be the user name');
  if (problems.length) throw new AwsError('PasswordPolicyViolation', `Password does not conform to the account password policy: ${problems.join('; ')}.`);
  return password;
}
