import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifySigV4, SigV4Error, type CredentialSource, type SignedRequest, type SigningCredentials, type VerifyOptions } from './index';
import { signForTest, type TestCredentials, type TestRequest } from './sign-for-test';

const SIGNED_AT = new Date('2026-03-14T12:00:00Z');
const minutes = (n: number) => new Date(SIGNED_AT.getTime() + n * 60_000);

const LONG_TERM: TestCredentials = { accessKeyId: 'AKIALONGTERM00000001', secretAccessKey: 'long-term-secret/abc+def' };
const TEMPORARY: TestCredentials = {
  accessKeyId: 'ASIATEMPORARY0000001',
  secretAccessKey: 'temporary-secret',
  sessionToken: 'session-token-value-1',
};

function lookupWith(entries: Record<string, SigningCredentials>) {
  return async (id: string) => entries[id];
}
const KNOWN = {
  [LONG_TERM.accessKeyId]: { secretAccessKey: LONG_TERM.secretAccessKey },
  [TEMPORARY.accessKeyId]: {
    secretAccessKey: TEMPORARY.secretAccessKey,
    sessionToken: TEMPORARY.sessionToken,
    expiresAt: minutes(60),
  },
};

const ssmCall = {
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AmazonSSM.GetParameter',
  },
  body: '{"Name":"/app/db/password","WithDecryption":true}',
};

const sign = (creds: TestCredentials = LONG_TERM, at: Date = SIGNED_AT, req: TestRequest = ssmCall) => signForTest(req, creds, at);

async function refusal(request: SignedRequest, now = SIGNED_AT, known: Record<string, SigningCredentials> = KNOWN) {
  try {
    await verifySigV4(request, { now, lookup: lookupWith(known) });
  } catch (e) {
    assert.ok(e instanceof SigV4Error, `expected SigV4Error, got ${e}`);
    return e;
  }
  assert.fail('request was accepted');
}

const withHeader = (r: SignedRequest, name: string, value: string | undefined): SignedRequest => {
  const headers = { ...r.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...r, headers };
};

describe('verifySigV4', () => {
  it('accepts a request signed by the SDK signer and says who signed it', async () => {
    const result = await verifySigV4(await sign(), { now: minutes(1), lookup: lookupWith(KNOWN) });
    assert.equal(result.accessKeyId, LONG_TERM.accessKeyId);
    assert.equal(result.region, 'us-east-1');
    assert.equal(result.service, 'ssm');
    assert.ok(result.signedHeaders.includes('host'));
    assert.ok(result.signedHeaders.includes('x-amz-target'));
    assert.equal(result.requestTime.toISOString(), SIGNED_AT.toISOString());
  });

  it('accepts query parameters and an encoded path signed by the SDK', async () => {
    const req = await signForTest(
      { method: 'GET', path: '/a%20b/c', query: { b: '2', a: 'x y/z', Zeta: '*' } },
      LONG_TERM,
      SIGNED_AT,
    );
    const ok = await verifySigV4(req, { now: SIGNED_AT, lookup: lookupWith(KNOWN) });
    assert.equal(ok.accessKeyId, LONG_TERM.accessKeyId);
    assert.equal((await refusal({ ...req, query: req.query.replace('b=2', 'b=3') })).reason, 'bad-signature');
    assert.equal((await refusal({ ...req, path: '/a%20b/d' })).reason, 'bad-signature');
  });

  it('accepts temporary credentials with their session token', async () => {
    const ok = await verifySigV4(await sign(TEMPORARY), { now: SIGNED_AT, lookup: lookupWith(KNOWN) });
    assert.equal(ok.accessKeyId, TEMPORARY.accessKeyId);
  });

  it('accepts a matching x-amz-content-sha256 and refuses a mismatching one', async () => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(ssmCall.body).digest('hex');
    const req = await sign(LONG_TERM, SIGNED_AT, {
      ...ssmCall,
      headers: { ...ssmCall.headers, 'x-amz-content-sha256': hash },
    });
    await verifySigV4(req, { now: SIGNED_AT, lookup: lookupWith(KNOWN) });
    const lying = withHeader(req, 'x-amz-content-sha256', hash.replace(/^./, hash[0] === 'a' ? 'b' : 'a'));
    assert.equal((await refusal(lying)).reason, 'bad-signature');
  });

  it('accepts a request just inside the 15-minute skew window on either side', async () => {
    const req = await sign();
    for (const now of [minutes(14.9), minutes(-14.9)]) {
      await verifySigV4(req, { now, lookup: lookupWith(KNOWN) });
    }
  });

  it('refuses a host header that was not signed', async () => {
    const req = await sign();
    const auth = String(req.headers.authorization).replace('SignedHeaders=content-type;host;', 'SignedHeaders=content-type;');
    assert.notEqual(auth, req.headers.authorization, 'fixture: host was signed');
    const error = await refusal(withHeader(req, 'authorization', auth));
    assert.equal(error.reason, 'incomplete');
    assert.match(error.message, /'Host' or ':authority' must be a 'SignedHeader'/);
  });

  it('reports every missing Authorization part, as AWS does', async () => {
    const error = await refusal(withHeader(await sign(), 'authorization', 'Bearer abc.def'));
    assert.equal(
      error.message,
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization=Bearer abc.def",
    );
  });

  it('words clock skew the way AWS does', async () => {
    const late = await refusal(await sign(), minutes(20));
    assert.equal(
      late.message,
      'Signature expired: 20260314T120000Z is now earlier than 20260314T120500Z (20260314T122000Z - 15 min.)',
    );
    const early = await refusal(await sign(), minutes(-20));
    assert.equal(
      early.message,
      'Signature not yet current: 20260314T120000Z is still later than 20260314T115500Z (20260314T114000Z + 15 min.)',
    );
  });

  it('takes a shared credential source that answers synchronously or with a promise', async () => {
    interface Options extends VerifyOptions<SigningCredentials & { owner: string }> {
      known: Record<string, SigningCredentials>;
      asynchronously: boolean;
    }
    const asked: string[] = [];
    const source: CredentialSource<SigningCredentials & { owner: string }, Options> = {
      find(accessKeyId, options) {
        asked.push(accessKeyId);
        const found = options.known[accessKeyId] && { ...options.known[accessKeyId], owner: `owner of ${accessKeyId}` };
        return options.asynchronously ? Promise.resolve(found) : found;
      },
    };
    for (const asynchronously of [false, true]) {
      const options: Options = { now: SIGNED_AT, lookup: source, known: KNOWN, asynchronously };
      const ok = await verifySigV4(await sign(), options);
      assert.equal(ok.accessKeyId, LONG_TERM.accessKeyId);
      assert.equal(options.found?.owner, `owner of ${LONG_TERM.accessKeyId}`);

      // The key was found, then its signature refused: the caller still learns whose key it was.
      const refused: Options = { now: SIGNED_AT, lookup: source, known: KNOWN, asynchronously };
      const tampered = { ...(await sign()), body: Buffer.from('{}') };
      await assert.rejects(verifySigV4(tampered, refused), (e: unknown) => e instanceof SigV4Error && e.reason === 'bad-signature');
      assert.equal(refused.found?.owner, `owner of ${LONG_TERM.accessKeyId}`);

      // An unknown key is refused, and names nobody.
      const unknown: Options = { now: SIGNED_AT, lookup: source, known: {}, asynchronously };
      await assert.rejects(verifySigV4(await sign(), unknown), (e: unknown) => e instanceof SigV4Error && e.reason === 'unknown-key');
      assert.equal(unknown.found, undefined);

      // Refused before the lookup (clock skew): nobody is named either.
      const skewed: Options = { now: minutes(20), lookup: source, known: KNOWN, asynchronously };
      await assert.rejects(verifySigV4(await sign(), skewed), (e: unknown) => e instanceof SigV4Error && e.reason === 'skewed');
      assert.equal(skewed.found, undefined);
    }
    assert.equal(asked.length, 6);
  });

  it('compares signatures of any length and case exactly', async () => {
    const req = await sign();
    const auth = String(req.headers.authorization);
    const signature = auth.slice(auth.indexOf('Signature=') + 'Signature='.length);
    await verifySigV4(withHeader(req, 'authorization', auth.replace(signature, signature.toUpperCase())), { now: SIGNED_AT, lookup: lookupWith(KNOWN) });
    for (const other of [signature.slice(0, -1), `${signature}0`, `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`, '']) {
      const error = await refusal(withHeader(req, 'authorization', auth.replace(`Signature=${signature}`, `Signature=${other}`)));
      assert.equal(error.reason, other === '' ? 'incomplete' : 'bad-signature');
    }
  });

  it('does not keep accepting the old secret from its key cache after the secret changes', async () => {
    const req = await sign();
    await verifySigV4(req, { now: SIGNED_AT, lookup: lookupWith(KNOWN) });
    const rotated = { [LONG_TERM.accessKeyId]: { secretAccessKey: 'rotated-secret' } };
    assert.equal((await refusal(req, SIGNED_AT, rotated)).reason, 'bad-signature');
  });
});
