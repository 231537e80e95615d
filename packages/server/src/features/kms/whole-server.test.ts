/**
 * The key service inside the whole server (`startTestServer()`): registered on the front door
 * and given the master key at start, so keys made there encrypt and decrypt.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KMSClient, CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../../test/server-harness';

describe('KMS in the whole server', () => {
  let t: TestServer;
  let kms: KMSClient;
  before(async () => {
    t = await startTestServer();
    kms = new KMSClient({ endpoint: t.url, region: 'us-east-1', credentials: t.admin, maxAttempts: 1 });
  });
  after(async () => { kms?.destroy(); await t?.close(); });

  it('creates a key, round-trips a secret and serves alias/aws/ssm', async () => {
    const key = (await kms.send(new CreateKeyCommand({ Description: 'whole' }))).KeyMetadata!;
    const enc = await kms.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: Buffer.from('whole-server') }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    assert.equal(Buffer.from(dec.Plaintext!).toString(), 'whole-server');
    const ssm = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }));
    assert.equal(ssm.KeyMetadata?.KeyManager, 'AWS');
  });
});
