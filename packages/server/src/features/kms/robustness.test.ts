/**
 * Every implemented KMS operation, called with well-formed but wrong requests (unknown keys,
 * aliases of other accounts, foreign ciphertext): each answers a 4xx with an AWS error code,
 * never a 500, and the server keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { contracts } from '@bosun/protocol';
import { minimalValue } from '@bosun/protocol/testing/sample-input';
import { kmsOperations } from './index';
import { startKmsTestServer, type KmsTestServer } from './kms-test-server';

const KEY_MEMBERS = ['KeyId', 'TargetKeyId', 'DestinationKeyId', 'SourceKeyId'];
const WRONG_KEYS = ['1234abcd-12ab-34cd-56ef-1234567890ab', 'alias/nothing-here', 'arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms:us-east-1:999999999999:alias/x', 'not-a-key'];

describe('KMS operations under wrong but well-formed input', () => {
  let server: KmsTestServer;
  before(async () => { server = await startKmsTestServer('sqlite'); });
  after(async () => server?.close());

  async function call(operation: string, body: unknown): Promise<{ status: number; json: any }> {
    const url = new URL(server.url);
    const text = JSON.stringify(body);
    const signer = new SignatureV4({ credentials: server.admin, region: 'us-east-1', service: 'kms', sha256: Sha256 });
    const signed = await signer.sign({
      method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {},
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${operation}` },
      body: text,
    });
    const headers = { ...(signed.headers as Record<string, string>) };
    delete headers.host;
    const response = await fetch(`${server.url}/`, { method: 'POST', headers, body: text });
    const raw = await response.text();
    return { status: response.status, json: raw ? JSON.parse(raw) : {} };
  }

  for (const op of kmsOperations) {
    it(`${op.name}: wrong keys and foreign ciphertext answer 4xx with an AWS code`, async () => {
      const contract = contracts.kms;
      const inputShape = contract.operations[op.name].input;
      const base = (inputShape ? minimalValue(contract.shapes, inputShape) : {}) as Record<string, unknown>;
      const bodies: unknown[] = [base];
      for (const member of KEY_MEMBERS) {
        if (member in base) for (const wrong of WRONG_KEYS) bodies.push({ ...base, [member]: wrong });
      }
      if ('CiphertextBlob' in base || op.name === 'Decrypt' || op.name === 'ReEncrypt') {
        bodies.push({ ...base, CiphertextBlob: Buffer.from('B'.repeat(80)).toString('base64') });
      }
      for (const body of bodies) {
        const r = await call(op.name, body);
        if (r.status === 200) continue; // e.g. ListKeys needs nothing that could be wrong
        assert.ok(r.status >= 400 && r.status < 500, `${op.name} ${JSON.stringify(body)}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
        assert.match(String(r.json.__type), /^[A-Z][A-Za-z]+(Exception|Error)?$/, `${op.name} ${JSON.stringify(body)}`);
      }
    });
  }
});
