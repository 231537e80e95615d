// The single-pass parser for the usual Authorization header must agree with the general one on
// every input: same fields, or the same refusal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnyAuthorization, parseAuthorization, parseWellFormed } from './parse-authorization';
import { SigV4Error } from './sigv4-error';

const SIGNATURE = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
const SDK = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/ssm/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${SIGNATURE}`;

type Outcome = { value: unknown } | { reason: string; message: string };
function outcome(parse: (header: string) => unknown, header: string): Outcome {
  try {
    return { value: parse(header) };
  } catch (e) {
    assert.ok(e instanceof SigV4Error, `expected SigV4Error, got ${String(e)}`);
    return { reason: e.reason, message: e.message };
  }
}

/** The fast path, where it answers, answers as the general parser does; parseAuthorization always does. */
function assertAgree(header: string): void {
  const general = outcome(parseAnyAuthorization, header);
  assert.deepEqual(outcome(parseAuthorization, header), general, `parseAuthorization(${JSON.stringify(header)})`);
  const fast = outcome(parseWellFormed, header);
  if ('value' in fast && fast.value === undefined) return; // declined: the general parser decides
  assert.deepEqual(fast, general, `parseWellFormed(${JSON.stringify(header)})`);
}

const headers: string[] = [
  SDK,
  SDK.replaceAll(', ', ','),
  SDK.replace(SIGNATURE, SIGNATURE.toUpperCase()),
  SDK.replace('SignedHeaders=', 'SignedHeaders= '),
  SDK.replace('content-type;host', 'Content-Type;Host'),
  SDK.replace('content-type;host', 'content-type; host'),
  SDK.replace('content-type;host', 'content-type;;host'),
  SDK.replace('x-amz-target', 'x-amz-target;'),
  SDK.replace('x-amz-target', 'x_amz_target'),
  ` ${SDK}`,
  `${SDK} `,
  `${SDK}\t`,
  `\t${SDK}`,
  SDK.replace('AWS4-HMAC-SHA256 ', 'AWS4-HMAC-SHA256  '),
  SDK.replace('AWS4-HMAC-SHA256', 'aws4-hmac-sha256'),
  SDK.replace('Credential=', 'credential='),
  SDK.replace('Signature=', 'signature='),
  SDK.replace('Credential=', 'Credential ='),
  SDK.replace('Credential=', 'Credential= '),
  SDK.replace('Credential=', 'Credential '),
  SDK.replace(', SignedHeaders', ',  SignedHeaders'),
  SDK.replace(', SignedHeaders', ' , SignedHeaders'),
  SDK.replace(', SignedHeaders', ',\tSignedHeaders'),
  SDK.replace(', Signature', ',\u00a0Signature'),
  SDK.replace('aws4_request', 'aws4_request\u00a0'),
  SDK.replace(`, Signature=${SIGNATURE}`, ''),
  SDK.replace(`, Signature=${SIGNATURE}`, ', Signature='),
  SDK.replace(`, Signature=${SIGNATURE}`, ', Signature'),
  SDK.replace('Credential=AKIDEXAMPLE/20150830/us-east-1/ssm/aws4_request, ', ''),
  SDK.replace('SignedHeaders=content-type;host;x-amz-date;x-amz-target, ', ''),
  `${SDK}, Extra=1`,
  `${SDK},`,
  `${SDK}, `,
  `${SDK}, Signature=0000`,
  `${SDK}, Credential=OTHER/20150830/us-east-1/ssm/aws4_request`,
  SDK.replace(', Signature', ', Credential=OTHER/20150830/us-east-1/iam/aws4_request, Signature'),
  `AWS4-HMAC-SHA256 Signature=${SIGNATURE}, SignedHeaders=host, Credential=AKIDEXAMPLE/20150830/us-east-1/ssm/aws4_request`,
  `AWS4-HMAC-SHA256 SignedHeaders=host, Credential=AKIDEXAMPLE/20150830/us-east-1/ssm/aws4_request, Signature=${SIGNATURE}`,
  SDK.replace('AKIDEXAMPLE/', 'AKIDEXAMPLE//'),
  SDK.replace('AKIDEXAMPLE/', '/'),
  SDK.replace('/aws4_request', '/aws4_request/'),
  SDK.replace('/aws4_request', '/aws4_request/extra'),
  SDK.replace('/aws4_request', ''),
  SDK.replace('/ssm/', '/s=m/'),
  SDK.replace('/ssm/', '/s m/'),
  SDK.replace('AKIDEXAMPLE', 'AKID EXAMPLE'),
  SDK.replace('SignedHeaders=', 'SignedHeaders=a=b;'),
  'AWS4-HMAC-SHA256 Credential=a/b/c/d/e,SignedHeaders=host,Signature=x',
  'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=x,',
  'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=, Signature=x',
  'AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=x',
  'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=é',
  'AWS4-HMAC-SHA256 Credential=a/b/c/d/é, SignedHeaders=hôst, Signature=X',
  'AWS4-HMAC-SHA256 Credential=',
  'AWS4-HMAC-SHA256',
  'AWS4-HMAC-SHA256 ',
  'Bearer abc.def',
  '',
];

describe('parseAuthorization', () => {
  it('reads the header the SDKs send on the fast path', () => {
    const parsed = parseWellFormed(SDK);
    assert.deepEqual(parsed, {
      accessKeyId: 'AKIDEXAMPLE',
      scopeDate: '20150830',
      region: 'us-east-1',
      service: 'ssm',
      terminator: 'aws4_request',
      scope: '20150830/us-east-1/ssm/aws4_request',
      signedHeaders: ['content-type', 'host', 'x-amz-date', 'x-amz-target'],
      signedHeaderList: 'content-type;host;x-amz-date;x-amz-target',
      signature: SIGNATURE,
    });
    assert.ok(parseWellFormed(SDK.replaceAll(', ', ',')), 'commas without spaces are usual too');
  });

  it('leaves unusual headers to the general parser', () => {
    for (const header of [` ${SDK}`, `${SDK} `, SDK.replace(', SignedHeaders', ',  SignedHeaders'), `${SDK}, Extra=1`]) {
      assert.equal(parseWellFormed(header), undefined, header);
    }
  });

  it('agrees with the general parser on well-formed, odd and broken headers', () => {
    for (const header of headers) assertAgree(header);
  });

  it('agrees with the general parser on headers with random characters inserted or removed', () => {
    // A fixed-seed generator: the same cases on every run.
    let seed = 20260314;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = [' ', '  ', ',', ', ', '=', ';', '/', '\t', '\u00a0', 'A', 'a', 'Signature=x', 'SignedHeaders=', '\n'];
    for (let i = 0; i < 3000; i++) {
      let header = SDK;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(header.length + 1);
        header = random(3) === 0
          ? header.slice(0, at) + header.slice(at + 1)
          : header.slice(0, at) + alphabet[random(alphabet.length)] + header.slice(at);
      }
      assertAgree(header);
    }
  });

  it('keeps the AWS wording of its refusals', () => {
    assert.throws(
      () => parseAuthorization(SDK.replace('Credential=', 'Credential ')),
      (e: unknown) =>
        e instanceof SigV4Error &&
        e.message ===
          `'Credential AKIDEXAMPLE/20150830/us-east-1/ssm/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '${SDK.replace('Credential=', 'Credential ')}'.`,
    );
    assert.throws(
      () => parseAuthorization(SDK.replace('/aws4_request', '')),
      (e: unknown) =>
        e instanceof SigV4Error &&
        e.message ===
          "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/us-east-1/ssm'",
    );
  });

  it('gives the same names for a SignedHeaders list seen again, and new ones for another list', () => {
    const first = parseAuthorization(SDK);
    const again = parseAuthorization(SDK.replace(SIGNATURE, SIGNATURE.replace(/^./, '0')));
    assert.deepEqual(again.signedHeaders, first.signedHeaders);
    const other = parseAuthorization(SDK.replace('content-type;host', 'Host'));
    assert.deepEqual(other.signedHeaders, ['host', 'x-amz-date', 'x-amz-target']);
    assert.equal(other.signedHeaderList, 'host;x-amz-date;x-amz-target');
    assert.deepEqual(parseAuthorization(SDK).signedHeaders, ['content-type', 'host', 'x-amz-date', 'x-amz-target']);
  });
});
