/**
 * Session policies: what temporary credentials were issued with to narrow them further. AWS: a
 * call made with them must be allowed by the identity's policies and by the session policies
 * (an inline one and up to ten managed ones, judged together as one set). Bosun issues them for
 * AssumeRole's Policy and PolicyArns, and for the console session of a user who must change
 * their password (console/sign-in.ts).
 *
 * Stored in iam_sessions.session_policy as JSON `{"Inline": <document>, "Arns": [...]}`. Managed
 * policies are read when the credentials are resolved, so a new default version applies to
 * sessions already issued (as on AWS); one deleted since allows nothing any more.
 */
import type { Db } from '../db/index';
import type { PolicyDocument } from '../operations/types';
import { AWS_OWNER } from './store/managed-policies';

interface StoredSessionPolicy {
  Inline?: PolicyDocument;
  Arns?: string[];
}

export function encodeSessionPolicy(policy: { inline?: PolicyDocument; arns?: string[] }): string {
  const stored: StoredSessionPolicy = {
    ...(policy.inline ? { Inline: policy.inline } : {}),
    ...(policy.arns?.length ? { Arns: policy.arns } : {}),
  };
  return JSON.stringify(stored);
}

/** The documents of a stored session policy, for authorisation; managed ones at their default version. */
export async function sessionPolicyDocuments(db: Db, accountId: string, text: string): Promise<PolicyDocument[]> {
  const stored = JSON.parse(text) as StoredSessionPolicy;
  const documents: PolicyDocument[] = stored.Inline ? [stored.Inline] : [];
  if (stored.Arns?.length) {
    const rows = await db.selectFrom('iam_managed_policies')
      .innerJoin('iam_policy_versions', (join) => join
        .onRef('iam_policy_versions.policy_id', '=', 'iam_managed_policies.policy_id')
        .onRef('iam_policy_versions.version_id', '=', 'iam_managed_policies.default_version_id'))
      .select('iam_policy_versions.document')
      .where('iam_managed_policies.arn', 'in', stored.Arns)
      .where('iam_managed_policies.account_id', 'in', [accountId, AWS_OWNER])
      .execute();
    for (const r of rows) documents.push(JSON.parse(r.document) as PolicyDocument);
  }
  return documents;
}
