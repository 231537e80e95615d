/**
 * SSM-SessionManagerRunShell: Session Manager's preferences document. AWS: it is NOT owned by
 * Amazon; it does not exist in an account until someone saves preferences, which creates it
 * in that account and region (CreateDocument, later UpdateDocument + UpdateDocumentDefaultVersion).
 * Until then StartSession behaves as if it held these defaults. Bosun does the same: this
 * content is what a session uses when the account has no document of that name, and it is
 * deliberately not registered as a built-in, so `aws ssm create-document --name
 * SSM-SessionManagerRunShell --document-type Session` and `update-document` work as on AWS.
 */
export const SESSION_PREFERENCES_DOCUMENT = 'SSM-SessionManagerRunShell';

/** The inputs AWS's console writes with its default preferences. */
export const DEFAULT_SESSION_INPUTS = {
  s3BucketName: '',
  s3KeyPrefix: '',
  s3EncryptionEnabled: true,
  cloudWatchLogGroupName: '',
  cloudWatchEncryptionEnabled: true,
  cloudWatchStreamingEnabled: true,
  kmsKeyId: '',
  runAsEnabled: false,
  runAsDefaultUser: '',
  // AWS: 20 minutes of inactivity by default, 1 to 60 allowed.
  idleSessionTimeout: '20',
  // AWS: empty means no limit; 1 to 1440 minutes otherwise.
  maxSessionDuration: '',
  shellProfile: { windows: '', linux: '' },
};

export const ssmSessionManagerRunShell = {
  name: SESSION_PREFERENCES_DOCUMENT,
  documentType: 'Session',
  content: JSON.stringify({
    schemaVersion: '1.0',
    description: 'Document to hold regional settings for Session Manager',
    sessionType: 'Standard_Stream',
    inputs: DEFAULT_SESSION_INPUTS,
  }, null, 2),
};
