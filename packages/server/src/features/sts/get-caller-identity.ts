import type { StsInput, StsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';

type In = StsInput<'GetCallerIdentity'>;
type Out = StsOutput<'GetCallerIdentity'>;

/**
 * AWS: users show AIDA… and their user ARN; role sessions show `AROA…:<session>` and
 * `arn:aws:sts::<acct>:assumed-role/<role>/<session>`; root shows the account id.
 */
export async function getCallerIdentity(_input: In, ctx: RequestContext): Promise<Out> {
  const { principal } = ctx;
  return {
    UserId: principal.type === 'root' ? principal.accountId : principal.userId,
    Account: principal.accountId,
    Arn: principal.arn,
  };
}

export const getCallerIdentityOperation: OperationDef<In, Out> = {
  service: 'sts',
  name: 'GetCallerIdentity',
  // AWS: no permission is needed to call GetCallerIdentity, and even an explicit Deny does not block it.
  alwaysAllowed: true,
  handle: getCallerIdentity,
  readOnly: true,
};
