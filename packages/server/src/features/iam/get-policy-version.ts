import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getPolicyVersion } from '../../iam/store/policy-versions';
import { readablePolicy } from './managed-policy-access';
import { encodeDocument } from './views';

type In = IamInput<'GetPolicyVersion'>;
type Out = IamOutput<'GetPolicyVersion'>;

export async function getPolicyVersionOp(input: In, ctx: RequestContext): Promise<Out> {
  const policy = await readablePolicy(ctx, input.PolicyArn);
  const version = await getPolicyVersion(ctx.db, policy, input.VersionId);
  return {
    PolicyVersion: {
      // AWS: URL-encoded, as for inline policies.
      Document: encodeDocument(version.document),
      VersionId: version.version_id,
      IsDefaultVersion: version.version_id === policy.default_version_id,
      CreateDate: new Date(version.created_at),
    },
  };
}

export const getPolicyVersionOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetPolicyVersion',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: getPolicyVersionOp,
};
