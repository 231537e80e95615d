import { hmacSha256Hex } from '../../crypto/hmac';
import { canonicalRequest, sha256Hex, stringToSign, type HeaderBag } from './canonical-request';
import { parseAuthorization } from './parse-authorization';
import { checkSkew, readRequestTime } from './request-time';
import { signingKeyFor } from './signing-key';
import { SigV4Error } from './sigv4-error';

export interface SignedRequest {
  method: string;
  /** Raw path as received, before percent-decoding. */
  path: string;
  /** Raw query string, without the `?`. */
  query: string;
  /** Lower-cased header names, as node gives them. */
  headers: HeaderBag;
  body: Buffer;
}

export interface SigningCredentials {
  secretAccessKey: string;
  /** Present for temporary (STS) credentials; the request must then carry the same token. */
  sessionToken?: string;
  expiresAt?: Date;
}

/**
 * Finds the credentials of an access key for verifySigV4, given the options verifySigV4 was
 * called with: one source can then serve every request, with no closure made per request. It may
 * answer synchronously (a cache hit then costs verifySigV4 no await) or with a promise.
 */
export interface CredentialSource<C extends SigningCredentials, O> {
  find(accessKeyId: string, options: O): C | undefined | Promise<C | undefined>;
}

export interface VerifyOptions<C extends SigningCredentials = SigningCredentials> {
  now: Date;
  /** The credentials of a key, or undefined for an unknown key: a function, or a shared source. */
  lookup: ((accessKeyId: string) => Promise<C | undefined>) | CredentialSource<C, this>;
  /**
   * Set by verifySigV4 once the lookup has found the key, so the caller knows whose key it was
   * even when the request is then refused (bad signature, wrong token…).
   */
  found?: C;
}

export interface VerifiedSignature {
  accessKeyId: string;
  region: string;
  service: string;
  signedHeaders: readonly string[];
  requestTime: Date;
}

// AWS: the common messages, shared by JSON and Query services.
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/**
 * Constant-time string equality (for the signature and the session token): every character is
 * compared whatever the first difference, without the two Buffers timingSafeEqual needs. Only the
 * length, which is no secret, can end it early.
 */
const sameText = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
};

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as Promise<T> | undefined)?.then === 'function';

/**
 * Checks an `Authorization: AWS4-HMAC-SHA256 …` header-signed request and says who signed it.
 * Throws SigV4Error with the reason; the caller checks `service` against the service it routes to.
 */
export async function verifySigV4<C extends SigningCredentials>(
  request: SignedRequest,
  options: VerifyOptions<C>,
): Promise<VerifiedSignature> {
  const authorization = single(request.headers['authorization']);
  if (authorization === undefined || authorization.trim() === '') {
    // AWS: message wording lives in sigV4ErrorResponse, which differs per protocol.
    throw new SigV4Error('missing', 'Missing Authentication Token');
  }
  const auth = parseAuthorization(authorization);
  const { time, amzDate } = readRequestTime(
    single(request.headers['x-amz-date']),
    single(request.headers['date']),
    authorization,
  );
  if (!auth.signedHeaders.includes('host')) {
    // AWS: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
    throw new SigV4Error('incomplete', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (auth.terminator !== 'aws4_request') {
    // AWS: "Credential should be scoped with a valid terminator: 'aws4_request', not 'x'."
    throw new SigV4Error(
      'wrong-scope',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'.`,
    );
  }
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    // AWS: the scope date must be the request's own date.
    throw new SigV4Error(
      'wrong-scope',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  checkSkew(time, options.now);

  const pending =
    typeof options.lookup === 'function' ? options.lookup(auth.accessKeyId) : options.lookup.find(auth.accessKeyId, options);
  // A source answering from its cache answers synchronously, and costs no await.
  const credentials = isPromise(pending) ? await pending : pending;
  if (!credentials) throw new SigV4Error('unknown-key', INVALID_TOKEN);
  options.found = credentials;
  checkSessionToken(credentials, single(request.headers['x-amz-security-token']), options.now);

  const payloadHash = sha256Hex(request.body);
  const claimedHash = single(request.headers['x-amz-content-sha256']);
  if (claimedHash !== undefined && claimedHash.trim().toLowerCase() !== payloadHash) {
    // AWS: outside S3 an unsigned or mismatching payload hash is simply a signature mismatch.
    throw new SigV4Error('bad-signature', SIGNATURE_MISMATCH);
  }

  const canonical = canonicalRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    signedHeaders: auth.signedHeaders,
    signedHeaderList: auth.signedHeaderList,
    payloadHash,
  });
  const key = signingKeyFor(auth.accessKeyId, credentials.secretAccessKey, auth.scopeDate, auth.region, auth.service);
  const expected = hmacSha256Hex(key, stringToSign(amzDate, auth.scope, canonical));
  if (!sameText(expected, auth.signature)) throw new SigV4Error('bad-signature', SIGNATURE_MISMATCH);

  return {
    accessKeyId: auth.accessKeyId,
    region: auth.region,
    service: auth.service,
    signedHeaders: auth.signedHeaders,
    requestTime: time,
  };
}

function checkSessionToken(credentials: SigningCredentials, token: string | undefined, now: Date): void {
  if (credentials.sessionToken === undefined) {
    // AWS: a token sent with a long-term key is refused rather than ignored.
    if (token !== undefined) throw new SigV4Error('invalid-token', INVALID_TOKEN);
    return;
  }
  if (token === undefined || !sameText(token, credentials.sessionToken)) {
    throw new SigV4Error('invalid-token', INVALID_TOKEN);
  }
  if (credentials.expiresAt && credentials.expiresAt.getTime() <= now.getTime()) {
    throw new SigV4Error('expired-token', 'The security token included in the request is expired');
  }
}
