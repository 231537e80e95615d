/** Sample audit events for this room's tests. */
import type { AuditEventInput, AuditPrincipal } from './types';

export const alice: AuditPrincipal = {
  type: 'user', arn: 'arn:aws:iam::111111111111:user/alice', userId: 'AIDAALICE', accountId: '111111111111',
  accessKeyId: 'AKIAALICE', name: 'alice', userName: 'alice',
};

export function sampleEvent(i: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    accountId: '111111111111',
    region: 'us-east-1',
    principal: alice,
    sourceIp: '10.0.0.1',
    userAgent: 'aws-cli/2.15',
    eventSource: 'ssm.amazonaws.com',
    eventName: i % 2 === 0 ? 'PutParameter' : 'GetParameter',
    readOnly: i % 2 !== 0,
    requestParameters: { Name: `/app/p${i}`, Value: `secret-${i}` },
    sensitiveRequestPaths: ['Value'],
    requestId: `req-${i}`,
    resources: [{ type: 'AWS::SSM::Parameter', name: `/app/p${i}` }],
    ...overrides,
  };
}
