/** Builds the RequestContext dispatch would, for handler-level tests of IAM and STS. */
import type { Db } from '../../db/index';
import type { Principal, RequestContext } from '../../operations/types';
import { userPrincipal } from '../../iam/credentials';
import { getUser } from '../../iam/store/users';

export function contextFor(db: Db, principal: Principal, service: 'iam' | 'sts' = 'iam', now = new Date()): RequestContext {
  return {
    requestId: 'test-request',
    service,
    operation: 'test',
    region: 'us-east-1',
    accountId: principal.accountId,
    principal,
    sourceIp: '127.0.0.1',
    userAgent: 'bosun-test',
    now,
    db,
    secureTransport: true,
    checkAccess: async () => {},
  };
}

/** The context of an existing IAM user calling with one of its (or a made-up) long-term keys. */
export async function contextAsUser(db: Db, accountId: string, userName: string, service: 'iam' | 'sts' = 'iam'): Promise<RequestContext> {
  const user = await getUser(db, accountId, userName);
  return contextFor(db, await userPrincipal(db, user, 'AKIATESTTESTTESTTEST'), service);
}
