import { SigV4Error } from './sigv4-error';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** Lower-cased, in the order the client listed them. */
  signedHeaders: string[];
  signature: string;
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ssm/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=abc…`.
 */
export function parseAuthorization(header: string): ParsedAuthorization {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const rest = space < 0 ? '' : trimmed.slice(space + 1);
  const fields = new Map<string, string>();
  if (algorithm === ALGORITHM) {
    for (const rawPart of rest.split(',')) {
      const part = rawPart.trim();
      if (part === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) {
        // AWS: "'<part>' not a valid key=value pair (missing equal-sign) in Authorization header: '<header>'."
        throw new SigV4Error(
          'incomplete',
          `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
        );
      }
      fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  // AWS: an unknown scheme (e.g. a bearer token) is answered with the same list of missing parts.
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields.get(name));
  if (missing.length > 0) {
    const lines = missing.map((name) => `Authorization header requires '${name}' parameter.`);
    throw new SigV4Error('incomplete', `${lines.join(' ')} Authorization=${header}`);
  }
  const credential = fields.get('Credential')!;
  const scope = credential.split('/');
  if (scope.length !== 5 || scope.some((piece) => piece === '')) {
    throw new SigV4Error(
      'incomplete',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = scope;
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders: fields.get('SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
    signature: fields.get('Signature')!.toLowerCase(),
  };
}
