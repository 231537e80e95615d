import type { ServiceName } from './types';

/** How each service served on the front door is reached and named. */
export interface ServiceRoute {
  service: ServiceName;
  protocol: 'json' | 'query';
  /** JSON services: the X-Amz-Target prefix before the dot. */
  targetPrefix?: string;
  /** The SigV4 credential-scope service name the SDKs sign with. */
  signingName: string;
  /** CloudTrail's eventSource. */
  eventSource: string;
}

export const SERVICE_ROUTES: ServiceRoute[] = [
  { service: 'ssm', protocol: 'json', targetPrefix: 'AmazonSSM', signingName: 'ssm', eventSource: 'ssm.amazonaws.com' },
  { service: 'kms', protocol: 'json', targetPrefix: 'TrentService', signingName: 'kms', eventSource: 'kms.amazonaws.com' },
  {
    service: 'cloudtrail',
    protocol: 'json',
    targetPrefix: 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101',
    signingName: 'cloudtrail',
    eventSource: 'cloudtrail.amazonaws.com',
  },
  // Bosun's own API (event subscriptions): no AWS model, so its handlers validate their input.
  { service: 'bosun', protocol: 'json', targetPrefix: 'BosunEvents_20261101', signingName: 'bosun', eventSource: 'bosun.amazonaws.com' },
  { service: 'iam', protocol: 'query', signingName: 'iam', eventSource: 'iam.amazonaws.com' },
  { service: 'sts', protocol: 'query', signingName: 'sts', eventSource: 'sts.amazonaws.com' },
];

export function routeForTarget(target: string): { route: ServiceRoute; operation: string } | undefined {
  const dot = target.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const prefix = target.slice(0, dot);
  // AWS: botocore sends CloudTrail's full namespace, the JS SDK v3 only its last part.
  const route = SERVICE_ROUTES.find((r) => r.targetPrefix === prefix || r.targetPrefix?.endsWith(`.${prefix}`));
  return route ? { route, operation: target.slice(dot + 1) } : undefined;
}

export function routeForSigningName(name: string): ServiceRoute | undefined {
  return SERVICE_ROUTES.find((r) => r.protocol === 'query' && r.signingName === name);
}

export function routeForService(service: ServiceName): ServiceRoute {
  const route = SERVICE_ROUTES.find((r) => r.service === service);
  if (!route) throw new Error(`unknown service ${service}`);
  return route;
}

/** AWS marks Get/List/Describe/Lookup calls read-only in CloudTrail. */
export function isReadOnlyName(operation: string): boolean {
  return /^(Get|List|Describe|Lookup|Search)/.test(operation);
}
