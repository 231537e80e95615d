import type { SigV4Error, SigV4Reason } from './sigv4-error';

export interface SigV4WireError {
  code: string;
  statusCode: number;
  message: string;
}

/** `undefined` message: use the SigV4Error's own (it carries the request-specific detail). */
type Entry = { code: string; statusCode: number; message?: string };

// AWS: JSON 1.1 services (SSM, KMS, CloudTrail) answer every authentication failure with HTTP 400
// and an `…Exception` code (e.g. `{"__type":"UnrecognizedClientException","message":"The security
// token included in the request is invalid."}`, status 400, as SSM returns it).
const JSON_ERRORS: Record<SigV4Reason, Entry> = {
  // AWS: {"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}
  missing: { code: 'MissingAuthenticationTokenException', statusCode: 400, message: 'Missing Authentication Token' },
  // AWS: IncompleteSignatureException, 400, message names the missing parts.
  incomplete: { code: 'IncompleteSignatureException', statusCode: 400 },
  'unknown-key': { code: 'UnrecognizedClientException', statusCode: 400 },
  'invalid-token': { code: 'UnrecognizedClientException', statusCode: 400 },
  // AWS: InvalidSignatureException, 400 — also for clock skew ("Signature expired: …").
  'bad-signature': { code: 'InvalidSignatureException', statusCode: 400 },
  skewed: { code: 'InvalidSignatureException', statusCode: 400 },
  'wrong-service': { code: 'InvalidSignatureException', statusCode: 400 },
  'wrong-scope': { code: 'InvalidSignatureException', statusCode: 400 },
  // AWS: ExpiredTokenException, 400, "The security token included in the request is expired"
  'expired-token': { code: 'ExpiredTokenException', statusCode: 400 },
};

// AWS: Query services (IAM, STS) answer with 403 and the short codes of the common-errors list
// (MissingAuthenticationToken / InvalidClientTokenId 403); IncompleteSignature stays 400.
const QUERY_ERRORS: Record<SigV4Reason, Entry> = {
  // AWS: <Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>, 403
  missing: { code: 'MissingAuthenticationToken', statusCode: 403, message: 'Request is missing Authentication Token' },
  incomplete: { code: 'IncompleteSignature', statusCode: 400 },
  'unknown-key': { code: 'InvalidClientTokenId', statusCode: 403 },
  'invalid-token': { code: 'InvalidClientTokenId', statusCode: 403 },
  // AWS: STS answers clock skew with SignatureDoesNotMatch "Signature expired: …", 403.
  'bad-signature': { code: 'SignatureDoesNotMatch', statusCode: 403 },
  skewed: { code: 'SignatureDoesNotMatch', statusCode: 403 },
  'wrong-service': { code: 'SignatureDoesNotMatch', statusCode: 403 },
  'wrong-scope': { code: 'SignatureDoesNotMatch', statusCode: 403 },
  // AWS: <Code>ExpiredToken</Code>, 403, "The security token included in the request is expired"
  'expired-token': { code: 'ExpiredToken', statusCode: 403 },
};

/** The code, HTTP status and message AWS answers a failed SigV4 check with, per protocol. */
export function sigV4ErrorResponse(error: SigV4Error, protocol: 'json' | 'query'): SigV4WireError {
  const entry = (protocol === 'json' ? JSON_ERRORS : QUERY_ERRORS)[error.reason];
  return { code: entry.code, statusCode: entry.statusCode, message: entry.message ?? error.message };
}
