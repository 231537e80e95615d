// Every way a request can fail SigV4, and the code each protocol answers it with.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifySigV4, sigV4ErrorResponse, SigV4Error, type SignedRequest, type SigV4Reason } from './index';
import { signForTest } from './sign-for-test';

const AT = new Date('2026-03-14T12:00:00Z');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);
const LONG = { accessKeyId: 'AKIALONGTERM00000001', secretAccessKey: 'long-term-secret' };
const TEMP = { accessKeyId: 'ASIATEMP000000000001', secretAccessKey: 'temp-secret', sessionToken: 'tok-1' };
const known = new Map([
  [LONG.accessKeyId, { secretAccessKey: LONG.secretAccessKey }],
  [TEMP.accessKeyId, { secretAccessKey: TEMP.secretAccessKey, sessionToken: TEMP.sessionToken, expiresAt: minutes(30) }],
]);
const call = {
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.PutParameter' },
  body: '{"Name":"a","Value":"b","Type":"String"}',
};
const set = (r: SignedRequest, name: string, value?: string): SignedRequest => {
  const headers = { ...r.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...r, headers };
};
const editAuth = (r: SignedRequest, from: RegExp, to: string) =>
  set(r, 'authorization', String(r.headers.authorization).replace(from, to));

interface Case {
  name: string;
  request: () => Promise<SignedRequest>;
  now?: Date;
  reason: SigV4Reason;
  json: [string, number];
  query: [string, number];
}
const long = () => signForTest(call, LONG, AT);
const temp = () => signForTest(call, TEMP, AT);

const cases: Case[] = [
  { name: 'tampered body', request: async () => ({ ...(await long()), body: Buffer.from('{"Name":"b"}') }),
    reason: 'bad-signature', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'tampered signed header', request: async () => set(await long(), 'x-amz-target', 'AmazonSSM.DeleteParameter'),
    reason: 'bad-signature', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'tampered path', request: async () => ({ ...(await long()), path: '/other' }),
    reason: 'bad-signature', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'tampered query', request: async () => ({ ...(await long()), query: 'Action=DeleteUser' }),
    reason: 'bad-signature', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'wrong secret', request: () => signForTest(call, { ...LONG, secretAccessKey: 'guess' }, AT),
    reason: 'bad-signature', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'unknown key', request: () => signForTest(call, { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' }, AT),
    reason: 'unknown-key', json: ['UnrecognizedClientException', 400], query: ['InvalidClientTokenId', 403] },
  { name: 'no Authorization header', request: async () => set(await long(), 'authorization'),
    reason: 'missing', json: ['MissingAuthenticationTokenException', 400], query: ['MissingAuthenticationToken', 403] },
  { name: 'Authorization without Signature', request: async () => editAuth(await long(), /, Signature=.*$/, ''),
    reason: 'incomplete', json: ['IncompleteSignatureException', 400], query: ['IncompleteSignature', 400] },
  { name: 'Authorization part without equal sign', request: async () => editAuth(await long(), /Credential=/, 'Credential '),
    reason: 'incomplete', json: ['IncompleteSignatureException', 400], query: ['IncompleteSignature', 400] },
  { name: 'no date header', request: async () => set(await long(), 'x-amz-date'),
    reason: 'incomplete', json: ['IncompleteSignatureException', 400], query: ['IncompleteSignature', 400] },
  { name: 'signed 16 minutes ago', request: long, now: minutes(16),
    reason: 'skewed', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'signed 16 minutes in the future', request: long, now: minutes(-16),
    reason: 'skewed', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'scope date is not the request date', request: async () => editAuth(await long(), /\/20260314\//, '/20260313/'),
    reason: 'wrong-scope', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'scope terminator is not aws4_request', request: async () => editAuth(await long(), /aws4_request/, 'aws5_request'),
    reason: 'wrong-scope', json: ['InvalidSignatureException', 400], query: ['SignatureDoesNotMatch', 403] },
  { name: 'temporary key without its token', request: async () => set(await temp(), 'x-amz-security-token'),
    reason: 'invalid-token', json: ['UnrecognizedClientException', 400], query: ['InvalidClientTokenId', 403] },
  { name: 'temporary key with a wrong token', request: async () => set(await temp(), 'x-amz-security-token', 'tok-2'),
    reason: 'invalid-token', json: ['UnrecognizedClientException', 400], query: ['InvalidClientTokenId', 403] },
  { name: 'long-term key with a session token', request: () => signForTest(call, { ...LONG, sessionToken: 'tok-1' }, AT),
    reason: 'invalid-token', json: ['UnrecognizedClientException', 400], query: ['InvalidClientTokenId', 403] },
  { name: 'expired temporary credentials', request: () => signForTest(call, TEMP, minutes(31)), now: minutes(31),
    reason: 'expired-token', json: ['ExpiredTokenException', 400], query: ['ExpiredToken', 403] },
];

describe('SigV4 refusals', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.reason}, ${c.json[0]} / ${c.query[0]}`, async () => {
      let error: unknown;
      try {
        await verifySigV4(await c.request(), { now: c.now ?? AT, lookup: async (id) => known.get(id) });
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof SigV4Error, `expected a refusal, got ${String(error)}`);
      assert.equal(error.reason, c.reason, error.message);
      const json = sigV4ErrorResponse(error, 'json');
      const query = sigV4ErrorResponse(error, 'query');
      assert.deepEqual([json.code, json.statusCode], c.json);
      assert.deepEqual([query.code, query.statusCode], c.query);
      assert.ok(json.message.length > 0 && query.message.length > 0);
    });
  }

  it('uses the fixed AWS wording where the message does not depend on the request', () => {
    const missing = new SigV4Error('missing', 'x');
    assert.equal(sigV4ErrorResponse(missing, 'json').message, 'Missing Authentication Token');
    assert.equal(sigV4ErrorResponse(missing, 'query').message, 'Request is missing Authentication Token');
  });
});
