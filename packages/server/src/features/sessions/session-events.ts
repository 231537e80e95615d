/**
 * A session's life in the event log and the audit log. AWS publishes no EventBridge event for
 * Session Manager state changes (only the API calls, through CloudTrail), so Bosun names its
 * own: source `bosun.ssm`, detail-type `Bosun Session State Change`, kebab-case members like
 * AWS's Run Command events. The end of a session is no API call, so dispatch does not audit
 * it; the relay appends a `SessionEnded` record (no caller: the server did it) with the owner,
 * the reason, the exit code and where the recording is.
 */
import crypto from 'node:crypto';
import type { Db } from '../../db/index';
import { emitEvent } from '../../events/index';
import type { AuditWriter } from '../../audit/writer';
import { managedInstanceArn } from '../../agents/ids';
import { sessionArn } from './ids';
import type { SessionRow } from './store';

export const SESSION_EVENT_SOURCE = 'bosun.ssm';
export const SESSION_EVENT_DETAIL_TYPE = 'Bosun Session State Change';

export async function emitSessionState(db: Db, row: SessionRow): Promise<void> {
  await emitEvent(db, {
    accountId: row.account_id, region: row.region, source: SESSION_EVENT_SOURCE, detailType: SESSION_EVENT_DETAIL_TYPE,
    resources: [sessionArn(row.region, row.account_id, row.session_id), managedInstanceArn(row.region, row.account_id, row.target)],
    detail: {
      'session-id': row.session_id,
      target: row.target,
      owner: row.owner,
      'document-name': row.document_name,
      'session-type': row.session_type,
      status: row.status,
      ...(row.reason ? { reason: row.reason } : {}),
      ...(row.details ? { details: row.details } : {}),
      ...(row.exit_code !== null ? { 'exit-code': row.exit_code } : {}),
      ...(row.recording_key ? { recording: row.recording_key } : {}),
      'start-date': row.start_date,
      ...(row.end_date ? { 'end-date': row.end_date } : {}),
    },
  });
}

export async function auditSessionEnd(audit: AuditWriter, row: SessionRow): Promise<void> {
  await audit.record({
    eventTime: new Date(row.end_date ?? Date.now()),
    accountId: row.account_id,
    region: row.region,
    sourceIp: 'bosun.internal',
    userAgent: 'bosun-server',
    eventSource: 'ssm.amazonaws.com',
    eventName: 'SessionEnded',
    readOnly: false,
    requestParameters: {
      sessionId: row.session_id,
      target: row.target,
      owner: row.owner,
      documentName: row.document_name,
      ...(row.reason ? { reason: row.reason } : {}),
    },
    responseElements: {
      status: row.status,
      details: row.details,
      ...(row.exit_code !== null ? { exitCode: row.exit_code } : {}),
      ...(row.recording_key ? { recording: row.recording_key } : {}),
      startDate: row.start_date,
      endDate: row.end_date,
    },
    requestId: crypto.randomUUID(),
    resources: [
      { type: 'AWS::SSM::Session', name: row.session_id, arn: sessionArn(row.region, row.account_id, row.session_id) },
      { type: 'AWS::SSM::ManagedInstance', name: row.target, arn: managedInstanceArn(row.region, row.account_id, row.target) },
    ],
  });
}
