// Vectors from AWS's published SigV4 test suite (aws-sig-v4-test-suite): key AKIDEXAMPLE, the
// example secret, scope 20150830/us-east-1/service. The expected signatures come from AWS, not from
// the SDK signer the other tests use, so a shared mistake in both would still be caught here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifySigV4, SigV4Error, type SignedRequest } from './index';

const NOW = new Date('2015-08-30T12:36:00Z');
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const STS_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

const auth = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;

function request(method: string, path: string, headers: Record<string, string>): SignedRequest {
  return {
    method,
    path,
    query: '',
    headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z', ...headers },
    body: Buffer.alloc(0),
  };
}

const vectors: { name: string; request: SignedRequest; sessionToken?: string }[] = [
  {
    name: 'get-vanilla',
    request: request('GET', '/', {
      authorization: auth('host;x-amz-date', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
    }),
  },
  {
    name: 'get-header-value-trim (inner spaces folded)',
    request: request('GET', '/', {
      'my-header1': 'value1',
      'my-header2': '"a   b   c"',
      authorization: auth(
        'host;my-header1;my-header2;x-amz-date',
        'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
      ),
    }),
  },
  {
    name: 'normalize-path/get-slashes',
    request: request('GET', '//example//', {
      authorization: auth('host;x-amz-date', '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84'),
    }),
  },
  {
    name: 'post-header-key-sort',
    request: request('POST', '/', {
      'my-header1': 'value1',
      authorization: auth('host;my-header1;x-amz-date', 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c'),
    }),
  },
  {
    name: 'post-sts-header-before (session token signed)',
    sessionToken: STS_TOKEN,
    request: request('POST', '/', {
      'x-amz-security-token': STS_TOKEN,
      authorization: auth(
        'host;x-amz-date;x-amz-security-token',
        '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
      ),
    }),
  },
];

describe('AWS SigV4 test suite vectors', () => {
  for (const v of vectors) {
    const lookup = async (id: string) =>
      id === 'AKIDEXAMPLE' ? { secretAccessKey: SECRET, sessionToken: v.sessionToken } : undefined;

    it(`${v.name} verifies`, async () => {
      const result = await verifySigV4(v.request, { now: NOW, lookup });
      assert.equal(result.service, 'service');
    });

    it(`${v.name} fails with one flipped signature digit`, async () => {
      const flipped = String(v.request.headers.authorization).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      await assert.rejects(
        verifySigV4({ ...v.request, headers: { ...v.request.headers, authorization: flipped } }, { now: NOW, lookup }),
        (e: unknown) => e instanceof SigV4Error && e.reason === 'bad-signature',
      );
    });
  }
});
