import { SSMClient } from '@aws-sdk/client-ssm';
import type { ConsoleSession } from '../auth/session';

/** The AWS SDK clients every page shares (others, like CloudTrail's, live in their page's chunk). */
export interface AwsClients {
  ssm: SSMClient;
}

/** How every SDK client is set up: this origin is the endpoint, the session's keys sign. */
export function clientConfig(session: ConsoleSession) {
  return {
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
}

export function makeClients(session: ConsoleSession): AwsClients {
  return { ssm: new SSMClient(clientConfig(session)) };
}
