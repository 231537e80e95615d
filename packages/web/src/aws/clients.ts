import { SSMClient } from '@aws-sdk/client-ssm';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { ConsoleSession } from '../auth/session';

/** The AWS SDK clients the pages use: this origin is the endpoint, the session's keys sign. */
export interface AwsClients {
  ssm: SSMClient;
  cloudtrail: CloudTrailClient;
}

export function makeClients(session: ConsoleSession): AwsClients {
  const common = {
    region: session.region,
    endpoint: window.location.origin,
    credentials: {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiration: new Date(session.expiration),
    },
    // A denial or a validation error is the answer; retrying it only delays the message.
    maxAttempts: 2,
  };
  return { ssm: new SSMClient(common), cloudtrail: new CloudTrailClient(common) };
}
