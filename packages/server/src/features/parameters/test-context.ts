/**
 * A RequestContext for calling Parameter Store handlers straight on a store, without HTTP:
 * the dispatch steps (validation, IAM) are not under test here, so checkAccess records the
 * further permissions a handler asks for instead of judging them.
 */
import type { Db } from '../../db/index';
import type { Authorization, OperationDef, RequestContext } from '../../operations/types';
import { allOperations } from '../index';

export interface TestCaller {
  call<O = any>(operation: string, input: unknown): Promise<O>;
  checks: Authorization[];
  now: Date;
}

export function testCaller(db: Db, options: { accountId?: string; region?: string } = {}): TestCaller {
  const checks: Authorization[] = [];
  const caller: TestCaller = {
    checks,
    now: new Date(),
    async call(operation, input) {
      const def = allOperations().find((d) => d.service === 'ssm' && d.name === operation) as OperationDef;
      const accountId = options.accountId ?? '123456789012';
      const ctx: RequestContext = {
        requestId: 'test',
        service: 'ssm',
        operation,
        region: options.region ?? 'us-east-1',
        accountId,
        principal: {
          accountId, arn: `arn:aws:iam::${accountId}:user/tester`, type: 'user', userId: 'AIDATEST', name: 'tester',
          userName: 'tester', accessKeyId: 'AKIATEST', tags: {}, policies: [],
        },
        sourceIp: '127.0.0.1',
        userAgent: 'test',
        now: caller.now,
        db,
        secureTransport: false,
        checkAccess: async (request) => { checks.push(request); },
      };
      if (def.authorize) await def.authorize(input, ctx);
      return def.handle(input, ctx);
    },
  };
  return caller;
}
