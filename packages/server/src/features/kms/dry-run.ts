import { AwsError } from '../../operations/errors';

/**
 * AWS: with DryRun the call is authorised and checked against the key's state, then refused
 * with DryRunOperationException instead of being carried out.
 */
export function stopIfDryRun(input: { DryRun?: boolean } | undefined): void {
  if (input?.DryRun) throw new AwsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
}
