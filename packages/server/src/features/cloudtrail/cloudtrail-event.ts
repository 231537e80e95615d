import type { AuditEvent } from '../../audit/index';

/** One entry of LookupEvents' `Events`. */
export interface LookupEvent {
  EventId: string;
  EventName: string;
  ReadOnly: string;
  AccessKeyId?: string;
  EventTime: Date;
  EventSource: string;
  Username?: string;
  Resources: Array<{ ResourceType: string; ResourceName: string }>;
  CloudTrailEvent: string;
}

// AWS: the record format version current CloudTrail writes.
const EVENT_VERSION = '1.11';

export function toLookupEvent(row: AuditEvent): LookupEvent {
  const resources = JSON.parse(row.resources) as Array<{ type: string; name: string; arn?: string }>;
  return {
    EventId: row.event_id,
    EventName: row.event_name,
    // AWS: LookupEvents gives ReadOnly as the string "true" or "false".
    ReadOnly: Number(row.read_only) === 1 ? 'true' : 'false',
    ...(row.access_key_id ? { AccessKeyId: row.access_key_id } : {}),
    EventTime: new Date(row.event_time),
    EventSource: row.event_source,
    ...(row.user_name ? { Username: row.user_name } : {}),
    Resources: resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: JSON.stringify(cloudTrailRecord(row, resources)),
  };
}

/** The record as CloudTrail writes it to a trail, member for member, in CloudTrail's order. */
function cloudTrailRecord(row: AuditEvent, resources: Array<{ type: string; name: string; arn?: string }>): Record<string, unknown> {
  const withArn = resources.filter((r) => r.arn);
  // AWS: a console sign-in is an AwsConsoleSignIn event whose responseElements keep their wire
  // spelling ({"ConsoleLogin": "Success"}) and whose additionalEventData says whether MFA was used
  // (Bosun's console has no MFA) and whether the mobile console was used.
  const signIn = row.event_source === 'signin.amazonaws.com';
  const response = row.response_elements === null ? null : JSON.parse(row.response_elements);
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: userIdentity(row),
    // AWS: eventTime has whole seconds, e.g. 2026-01-01T00:00:00Z.
    eventTime: row.event_time.replace(/\.\d{3}Z$/, 'Z'),
    eventSource: row.event_source,
    eventName: row.event_name,
    awsRegion: row.region,
    sourceIPAddress: row.source_ip,
    userAgent: row.user_agent,
    ...(row.error_code ? { errorCode: row.error_code } : {}),
    ...(row.error_message ? { errorMessage: row.error_message } : {}),
    requestParameters: orNull(lowerFirstKeys(JSON.parse(row.request_parameters))),
    responseElements: signIn ? response : lowerFirstKeys(response),
    ...(signIn ? { additionalEventData: { MobileVersion: 'No', MFAUsed: 'No' } } : {}),
    requestID: row.request_id,
    eventID: row.event_id,
    readOnly: Number(row.read_only) === 1,
    ...(withArn.length > 0 ? { resources: withArn.map((r) => ({ accountId: row.account_id, type: r.type, ARN: r.arn })) } : {}),
    eventType: signIn ? 'AwsConsoleSignIn' : 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: row.account_id,
    eventCategory: 'Management',
  };
}

function userIdentity(row: AuditEvent): Record<string, unknown> {
  // AWS: a caller that could not be identified appears as type Unknown.
  if (!row.principal_type) return { type: 'Unknown', accountId: row.account_id };
  return {
    type: row.principal_type,
    principalId: row.principal_id,
    arn: row.principal_arn,
    accountId: row.account_id,
    ...(row.access_key_id ? { accessKeyId: row.access_key_id } : {}),
    ...(row.principal_type === 'IAMUser' && row.user_name ? { userName: row.user_name } : {}),
  };
}

// AWS: a call without parameters (GetCallerIdentity) is recorded with requestParameters null.
function orNull(value: unknown): unknown {
  const empty = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
  return empty ? null : value;
}

/**
 * AWS: CloudTrail records request and response members in camelCase (`name`, `overwrite`,
 * `keyId`), not as the JSON wire spells them (`Name`, `Overwrite`, `KeyId`).
 */
export function lowerFirstKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerFirstKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), lowerFirstKeys(v)]));
  }
  return value;
}
