/**
 * The front door through real HTTP: every modeled SSM and KMS operation fed malformed bodies,
 * wrong types, oversize strings and unknown members gets a 4xx with an AWS error code and never
 * a 5xx; SigV4 failures get AWS's codes; routing errors are named as AWS names them.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { signedFetch, startTestServer, type TestServer } from '../../test/server-harness';

const require = createRequire(import.meta.url);
type Shape = { type: string; members?: Record<string, { shape: string }>; required?: string[]; max?: number; min?: number };
type Model = { metadata: { targetPrefix: string; signingName?: string; endpointPrefix: string }; operations: Record<string, { input?: { shape: string } }>; shapes: Record<string, Shape> };
const models: Model[] = [require('../../../protocol/models/ssm.json'), require('../../../protocol/models/kms.json')];

/** Bodies that no AWS service accepts for this operation, with what is wrong with each. */
function badBodies(model: Model, operation: string): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['not JSON', '{"Name": '],
    ['a JSON array', '[]'],
    ['a JSON string', '"hello"'],
    ['a JSON number', '42'],
  ];
  const input = model.operations[operation].input;
  if (!input) return out;
  const shape = model.shapes[input.shape];
  const wrong: Record<string, unknown> = { string: 12345, integer: 'twelve', long: 'twelve', boolean: 'yes', list: { not: 'a list' }, map: ['not', 'a', 'map'], structure: 'not a structure', timestamp: { not: 'a time' }, blob: 17 };
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const target = model.shapes[ref.shape];
    if (target.type in wrong) out.push([`${name} of the wrong type`, JSON.stringify({ [name]: wrong[target.type] })]);
    if (target.type === 'string' && target.max !== undefined && target.max < 200_000) {
      out.push([`${name} longer than ${target.max}`, JSON.stringify({ [name]: 'x'.repeat(target.max + 1) })]);
    }
  }
  if ((shape.required ?? []).length > 0) out.push(['required members missing, an unknown one present', JSON.stringify({ BosunNoSuchMember: 1 })]);
  return out;
}

describe('front door', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t.close());

  for (const model of models) {
    const prefix = model.metadata.targetPrefix;
    const service = model.metadata.signingName ?? model.metadata.endpointPrefix;
    it(`answers 4xx with an AWS code to bad input for every ${prefix} operation`, async () => {
      let checked = 0;
      for (const operation of Object.keys(model.operations)) {
        for (const [what, body] of badBodies(model, operation)) {
          const r = await signedFetch({ url: t.url, credentials: t.admin, service, target: `${prefix}.${operation}`, body });
          const type = r.headers.get('content-type') ?? '';
          assert.ok(r.status >= 400 && r.status < 500, `${operation} with ${what}: HTTP ${r.status} ${r.text}`);
          assert.match(type, /application\/x-amz-json-1\.1/, `${operation} with ${what}`);
          const code = r.json().__type as string;
          assert.match(code, /^[A-Z][A-Za-z]+(Exception|Error)?$/, `${operation} with ${what}: ${r.text}`);
          assert.ok(r.headers.get('x-amzn-requestid'), 'every answer carries x-amzn-RequestId');
          checked += 1;
        }
      }
      assert.ok(checked > Object.keys(model.operations).length * 4);
      const health = await fetch(`${t.url}/health`);
      assert.equal(health.status, 200, 'the server is still up');
    });
  }

  it('names an oversize member the way AWS does', async () => {
    const r = await signedFetch({ url: t.url, credentials: t.admin, service: 'ssm', target: 'AmazonSSM.GetParameter', body: JSON.stringify({ Name: 'x'.repeat(2049) }) });
    assert.equal(r.status, 400);
    assert.equal(r.json().__type, 'ValidationException');
    assert.match(r.json().message, /^1 validation error detected: Value '.*' at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048$/);
  });

  it('answers UnknownOperationException for a target the service does not have', async () => {
    const r = await signedFetch({ url: t.url, credentials: t.admin, service: 'ssm', target: 'AmazonSSM.MakeCoffee', body: '{}' });
    assert.equal(r.status, 400);
    assert.match(r.json().__type, /UnknownOperationException$/);
  });

  it('answers a clear not-implemented error for a modeled operation without a handler', async () => {
    const r = await signedFetch({ url: t.url, credentials: t.admin, service: 'ssm', target: 'AmazonSSM.ListAssociations', body: '{}' });
    assert.equal(r.status, 501);
    assert.equal(r.json().__type, 'NotImplementedException');
    assert.match(r.json().message, /AmazonSSM\.ListAssociations .*not implement/);
  });

  describe('SigV4 through the door', () => {
    const call = (over: Partial<Parameters<typeof signedFetch>[0]> = {}) =>
      signedFetch({ url: t.url, credentials: t.admin, service: 'sts', body: 'Action=GetCallerIdentity&Version=2011-06-15', ...over });

    it('accepts a correctly signed Query call', async () => {
      const r = await call();
      assert.equal(r.status, 200, r.text);
      assert.match(r.text, /<Arn>arn:aws:iam::\d{12}:user\/admin<\/Arn>/);
    });
    it('refuses an unknown access key (JSON: UnrecognizedClientException)', async () => {
      const r = await call({ service: 'ssm', target: 'AmazonSSM.DescribeParameters', body: '{}', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) } });
      assert.equal(r.status, 400);
      assert.equal(r.json().__type, 'UnrecognizedClientException');
    });
    it('refuses an unknown access key (Query: InvalidClientTokenId, 403)', async () => {
      const r = await call({ credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) } });
      assert.equal(r.status, 403);
      assert.match(r.text, /<Code>InvalidClientTokenId<\/Code>/);
    });
    it('refuses the right key with the wrong secret', async () => {
      const r = await call({ service: 'ssm', target: 'AmazonSSM.DescribeParameters', body: '{}', credentials: { ...t.admin, secretAccessKey: 'y'.repeat(40) } });
      assert.equal(r.status, 400);
      assert.equal(r.json().__type, 'InvalidSignatureException');
    });
    it('records a refused signature made with a known key in that account\'s audit log', async () => {
      const r = await call({ service: 'ssm', target: 'AmazonSSM.GetParameter', body: '{"Name":"/probe"}', credentials: { ...t.admin, secretAccessKey: 'z'.repeat(40) } });
      assert.equal(r.status, 400);
      await t.server.context.audit.flush();
      const rows = await t.server.context.db
        .selectFrom('audit_events')
        .select(['event_name', 'error_code', 'account_id', 'access_key_id'])
        .where('error_code', '=', 'InvalidSignatureException')
        .execute();
      assert.ok(rows.some((row) => row.event_name === 'GetParameter' && row.account_id === t.admin.accountId && row.access_key_id === t.admin.accessKeyId), JSON.stringify(rows));
    });
    it('refuses a body changed after signing', async () => {
      const r = await call({
        service: 'ssm',
        target: 'AmazonSSM.DescribeParameters',
        body: '{"MaxResults":5}',
        afterSigning: (req) => {
          req.body = '{"MaxResults":6}';
        },
      });
      assert.equal(r.status, 400);
      assert.equal(r.json().__type, 'InvalidSignatureException');
    });
    it('refuses a target changed after signing', async () => {
      const r = await call({
        service: 'ssm',
        target: 'AmazonSSM.DescribeParameters',
        body: '{}',
        afterSigning: (req) => {
          req.headers['x-amz-target'] = 'AmazonSSM.DeleteParameter';
        },
      });
      assert.equal(r.status, 400);
      assert.equal(r.json().__type, 'InvalidSignatureException');
    });
    it('refuses a request signed 20 minutes ago, and accepts one signed 10 minutes ago', async () => {
      const old = await call({ signingDate: new Date(Date.now() - 20 * 60_000) });
      assert.equal(old.status, 403);
      assert.match(old.text, /<Code>SignatureDoesNotMatch<\/Code>/);
      assert.match(old.text, /Signature expired/);
      const recent = await call({ signingDate: new Date(Date.now() - 10 * 60_000) });
      assert.equal(recent.status, 200, recent.text);
    });
    it('refuses a signature scoped to another service', async () => {
      const r = await call({ service: 'kms', target: 'AmazonSSM.DescribeParameters', body: '{}' });
      assert.equal(r.status, 400);
      assert.equal(r.json().__type, 'InvalidSignatureException');
      assert.match(r.json().message, /scoped to correct service: 'ssm'/);
    });
  });
});
