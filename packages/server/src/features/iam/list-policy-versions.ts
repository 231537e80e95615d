import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listPolicyVersions } from '../../iam/store/policy-versions';
import { readablePolicy } from './managed-policy-access';

type In = IamInput<'ListPolicyVersions'>;
type Out = IamOutput<'ListPolicyVersions'>;

export async function listPolicyVersionsOp(input: In, ctx: RequestContext): Promise<Out> {
  const policy = await readablePolicy(ctx, input.PolicyArn);
  // At most five versions: one page always holds them all. AWS leaves the documents out here.
  const versions = await listPolicyVersions(ctx.db, policy.policy_id);
  return {
    Versions: versions.map((v) => ({
      VersionId: v.version_id, IsDefaultVersion: v.version_id === policy.default_version_id, CreateDate: new Date(v.created_at),
    })),
    IsTruncated: false,
  };
}

export const listPolicyVersionsOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListPolicyVersions',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: listPolicyVersionsOp,
};
