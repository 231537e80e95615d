import type { Session } from '@bosun/protocol/generated/ssm/types';
import type { Db } from '../../db/index';
import { blobUrl } from '../../blobs/index';
import type { SessionRow } from './store';

/** A row as AWS's Session shape; OutputUrl is a signed link to the recording in the blob store. */
export function toSession(db: Db, row: SessionRow): Session {
  return {
    SessionId: row.session_id,
    Target: row.target,
    Status: row.status as Session['Status'],
    StartDate: new Date(row.start_date),
    ...(row.end_date ? { EndDate: new Date(row.end_date) } : {}),
    DocumentName: row.document_name,
    Owner: row.owner,
    ...(row.reason ? { Reason: row.reason } : {}),
    ...(row.details ? { Details: row.details } : {}),
    // AWS: S3OutputUrl names where the session log went; Bosun's log is its own recording.
    ...(row.recording_key ? { OutputUrl: { S3OutputUrl: blobUrl(db, row.recording_key) } } : {}),
    ...(row.max_session_duration ? { MaxSessionDuration: row.max_session_duration } : {}),
    AccessType: 'Standard',
  };
}
