export { verifySigV4 } from './verify-sigv4';
export type { CredentialSource, SignedRequest, SigningCredentials, VerifyOptions, VerifiedSignature } from './verify-sigv4';
export { SigV4Error, isSigV4Error, wrongServiceError } from './sigv4-error';
export type { SigV4Reason } from './sigv4-error';
export { sigV4ErrorResponse } from './error-response';
export type { SigV4WireError } from './error-response';
