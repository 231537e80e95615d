import type { ErrorSpec } from './contract';

/**
 * Errors every AWS service may answer although no model lists them (they come from the
 * service framework, not the service). Codes and statuses as AWS sends them.
 */
const client = (statusCode = 400): ErrorSpec => ({ shape: '', statusCode, fault: 'client' });
const server = (statusCode = 500): ErrorSpec => ({ shape: '', statusCode, fault: 'server' });

/** JSON 1.1 services (SSM, KMS). */
export const commonJsonErrors = {
  ValidationException: client(),
  SerializationException: client(),
  UnknownOperationException: client(),
  AccessDeniedException: client(),
  UnrecognizedClientException: client(),
  InvalidSignatureException: client(),
  IncompleteSignatureException: client(),
  MissingAuthenticationTokenException: client(403),
  ExpiredTokenException: client(),
  ThrottlingException: client(),
  InternalFailure: server(),
  ServiceUnavailable: server(503),
  // Bosun's answer for a modeled operation that has no handler yet.
  NotImplemented: client(501),
} satisfies Record<string, ErrorSpec>;

/** Query services (IAM, STS). */
export const commonQueryErrors = {
  ValidationError: client(),
  InvalidAction: client(),
  MalformedQueryString: client(404),
  MissingAction: client(),
  AccessDenied: client(403),
  InvalidClientTokenId: client(403),
  SignatureDoesNotMatch: client(403),
  IncompleteSignature: client(),
  MissingAuthenticationToken: client(403),
  ExpiredToken: client(),
  Throttling: client(),
  InternalFailure: server(),
  ServiceUnavailable: server(503),
  NotImplemented: client(501),
} satisfies Record<string, ErrorSpec>;

export type CommonJsonErrorCode = keyof typeof commonJsonErrors;
export type CommonQueryErrorCode = keyof typeof commonQueryErrors;
