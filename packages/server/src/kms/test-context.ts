import type { Db } from '../db/index';
import type { RequestContext } from '../operations/types';

/** A request context for store-level tests: one account and region, every access allowed. */
export function testContext(db: Db, accountId = '111111111111', region = 'us-east-1', now = new Date()): RequestContext {
  return {
    requestId: 'test-request',
    service: 'kms',
    operation: 'Test',
    region,
    accountId,
    principal: {
      accountId, arn: `arn:aws:iam::${accountId}:root`, type: 'root', userId: accountId, name: 'root',
      accessKeyId: 'AKIATEST', tags: {}, policies: [],
    },
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    now,
    db,
    secureTransport: true,
    checkAccess: async () => {},
  };
}
