/**
 * The key service's store-level behaviour, on SQLite and PostgreSQL: what Parameter Store and
 * the KMS operations rely on.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { forEachDatabase } from '../../test/databases';
import { decryptBlob, encryptWithKey, keyAuthorization, keyOfCiphertext, resolveKey, setKmsSecrets } from './index';
import { createKeyRecord } from './key-factory';
import { findKeyRow, updateKeyRow } from './key-store';
import { openMaterial } from './material';
import { rotateKeyMaterial } from './rotation';
import { defaultKeyPolicy } from './default-policy';
import { testContext } from './test-context';
import { insertAliasRow } from './alias-store';
import { purgeExpiredKeys } from './expiry';

const ACCOUNT = '111111111111';
const OTHER = '222222222222';

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (e: any) => { assert.equal(e.code, code); return true; });

forEachDatabase('key service', (f) => {
  before(() => setKmsSecrets(f.secrets));
  const ctx = () => testContext(f.db, ACCOUNT);
  const newKey = async (accountId = ACCOUNT, region = 'us-east-1') =>
    createKeyRecord(f.db, { accountId, region, description: 'test', keyManager: 'CUSTOMER', policy: defaultKeyPolicy(accountId), tags: {}, now: new Date() });

  it('round-trips plaintext under an encryption context, in any key order', async () => {
    const key = await resolveKey(ctx(), (await newKey()).key_id);
    const blob = await encryptWithKey(ctx(), key, Buffer.from('hunter2'), { a: '1', b: '2' });
    assert.ok(!blob.includes(Buffer.from('hunter2')));
    assert.deepEqual(await keyOfCiphertext(ctx(), blob), key);
    const out = await decryptBlob(ctx(), blob, { b: '2', a: '1' });
    assert.equal(out.plaintext.toString(), 'hunter2');
    assert.deepEqual(out.key, key);
  });

  it('refuses a wrong or missing encryption context, and an altered blob', async () => {
    const key = await resolveKey(ctx(), (await newKey()).key_id);
    const blob = await encryptWithKey(ctx(), key, Buffer.from('secret'), { PARAMETER_ARN: 'arn:x' });
    await rejectsWith(decryptBlob(ctx(), blob, { PARAMETER_ARN: 'arn:y' }), 'InvalidCiphertextException');
    await rejectsWith(decryptBlob(ctx(), blob, {}), 'InvalidCiphertextException');
    const altered = Buffer.from(blob);
    altered[altered.length - 1] ^= 1;
    await rejectsWith(decryptBlob(ctx(), altered, { PARAMETER_ARN: 'arn:x' }), 'InvalidCiphertextException');
    await rejectsWith(keyOfCiphertext(ctx(), Buffer.from('not a kms blob at all, just some bytes here')), 'InvalidCiphertextException');
  });

  it('stores key material only sealed: no row holds the 32 bytes in any common encoding', async () => {
    const row = await newKey();
    const versions = await f.db.selectFrom('kms_key_versions').selectAll().where('key_id', '=', row.key_id).execute();
    assert.equal(versions.length, 1);
    const material = openMaterial(versions[0].sealed_material, ACCOUNT, 'us-east-1', row.key_id, 1);
    assert.equal(material.length, 32);
    const everything = JSON.stringify(await Promise.all(['kms_keys', 'kms_key_versions', 'kms_aliases', 'kms_key_tags']
      .map((t) => f.db.selectFrom(t as 'kms_keys').selectAll().execute())));
    for (const form of [material.toString('base64'), material.toString('hex'), material.toString('base64url')]) {
      assert.ok(!everything.includes(form), 'key material found in clear');
    }
    // Sealed material is bound to its key and version: it does not open as another's.
    assert.throws(() => openMaterial(versions[0].sealed_material, ACCOUNT, 'us-east-1', row.key_id, 2));
  });

  it('keeps old ciphertexts readable after rotation, and encrypts new ones with the new version', async () => {
    const row = await newKey();
    const key = await resolveKey(ctx(), row.key_id);
    const before = await encryptWithKey(ctx(), key, Buffer.from('old'), {});
    assert.equal(await rotateKeyMaterial(f.db, row, 'ON_DEMAND', new Date()), 2);
    const after = await encryptWithKey(ctx(), key, Buffer.from('new'), {});
    assert.equal(before.readUInt32BE(19), 1);
    assert.equal(after.readUInt32BE(19), 2);
    assert.equal((await decryptBlob(ctx(), before, {})).plaintext.toString(), 'old');
    assert.equal((await decryptBlob(ctx(), after, {})).plaintext.toString(), 'new');
  });

  it('refuses a disabled key (DisabledException) and one pending deletion (KMSInvalidStateException)', async () => {
    const row = await newKey();
    const key = await resolveKey(ctx(), row.key_id);
    const blob = await encryptWithKey(ctx(), key, Buffer.from('x'), {});
    await updateKeyRow(f.db, row.key_id, { key_state: 'Disabled' });
    await rejectsWith(resolveKey(ctx(), row.key_id), 'DisabledException');
    await rejectsWith(encryptWithKey(ctx(), key, Buffer.from('x'), {}), 'DisabledException');
    await rejectsWith(decryptBlob(ctx(), blob, {}), 'DisabledException');
    await updateKeyRow(f.db, row.key_id, { key_state: 'PendingDeletion', deletion_date: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    await rejectsWith(resolveKey(ctx(), row.arn), 'KMSInvalidStateException');
    await rejectsWith(decryptBlob(ctx(), blob, {}), 'KMSInvalidStateException');
    await updateKeyRow(f.db, row.key_id, { key_state: 'Enabled', deletion_date: null });
    assert.equal((await decryptBlob(ctx(), blob, {})).plaintext.toString(), 'x');
  });

  it('deletes a key, its material and aliases once its deletion date has passed', async () => {
    const row = await newKey();
    const key = await resolveKey(ctx(), row.key_id);
    const blob = await encryptWithKey(ctx(), key, Buffer.from('doomed'), {});
    const stamp = new Date().toISOString();
    await insertAliasRow(f.db, { account_id: ACCOUNT, region: 'us-east-1', alias_name: 'alias/doomed', alias_arn: 'x', target_key_id: row.key_id, created_at: stamp, updated_at: stamp });
    await updateKeyRow(f.db, row.key_id, { key_state: 'PendingDeletion', deletion_date: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    await rejectsWith(resolveKey(ctx(), 'alias/doomed'), 'KMSInvalidStateException');
    const later = testContext(f.db, ACCOUNT, 'us-east-1', new Date(Date.now() + 8 * 86_400_000));
    await rejectsWith(resolveKey(later, 'alias/doomed'), 'NotFoundException');
    await rejectsWith(resolveKey(later, row.key_id), 'NotFoundException');
    await rejectsWith(decryptBlob(later, blob, {}), 'InvalidCiphertextException');
    assert.equal((await f.db.selectFrom('kms_key_versions').selectAll().where('key_id', '=', row.key_id).execute()).length, 0);
    // A listing purges every expired key of the account and region at once.
    const other = await newKey();
    await updateKeyRow(f.db, other.key_id, { key_state: 'PendingDeletion', deletion_date: new Date(Date.now() - 1000).toISOString() });
    await purgeExpiredKeys(f.db, ACCOUNT, 'us-east-1', new Date());
    assert.equal(await findKeyRow(f.db, ACCOUNT, 'us-east-1', other.key_id), undefined);
  });

  it('keeps accounts and regions apart', async () => {
    const row = await newKey();
    const key = await resolveKey(ctx(), row.key_id);
    const blob = await encryptWithKey(ctx(), key, Buffer.from('mine'), {});
    const other = testContext(f.db, OTHER);
    await rejectsWith(resolveKey(other, row.key_id), 'NotFoundException');
    await rejectsWith(resolveKey(other, row.arn), 'NotFoundException');
    await rejectsWith(keyOfCiphertext(other, blob), 'InvalidCiphertextException');
    await rejectsWith(decryptBlob(other, blob, {}), 'InvalidCiphertextException');
    await rejectsWith(decryptBlob(testContext(f.db, ACCOUNT, 'eu-west-1'), blob, {}), 'InvalidCiphertextException');
    // Even the same key id under another account's row would not open: the account is in the AAD.
    assert.equal((await decryptBlob(ctx(), blob, {})).plaintext.toString(), 'mine');
  });

  it('creates alias/aws/ssm on first use, once per account and region', async () => {
    const first = await resolveKey(ctx(), 'alias/aws/ssm');
    const again = await resolveKey(ctx(), `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/ssm`);
    assert.deepEqual(again, first);
    const row = await findKeyRow(f.db, ACCOUNT, 'us-east-1', first.keyId);
    assert.equal(row?.key_manager, 'AWS');
    assert.match(row!.description, /SSM parameters/);
    const otherAccount = await resolveKey(testContext(f.db, OTHER), 'alias/aws/ssm');
    const otherRegion = await resolveKey(testContext(f.db, ACCOUNT, 'eu-west-1'), 'alias/aws/ssm');
    assert.notEqual(otherAccount.keyId, first.keyId);
    assert.notEqual(otherRegion.keyId, first.keyId);
    assert.match(otherRegion.arn, /^arn:aws:kms:eu-west-1:111111111111:key\//);
  });

  it('describes a key use for checkAccess: ARN with tags, encryption-context keys, kms:ViaService', async () => {
    const row = await createKeyRecord(f.db, { accountId: ACCOUNT, region: 'us-east-1', description: '', keyManager: 'CUSTOMER', policy: '{}', tags: { Env: 'dev' }, now: new Date() });
    const auth = await keyAuthorization(ctx(), { keyId: row.key_id, arn: row.arn }, 'kms:Decrypt', { PARAMETER_ARN: 'arn:p' }, { viaService: 'ssm' });
    assert.equal(auth.action, 'kms:Decrypt');
    assert.deepEqual(auth.resources, [{ arn: row.arn, tags: { Env: 'dev' } }]);
    assert.equal(auth.context?.['kms:EncryptionContext:PARAMETER_ARN'], 'arn:p');
    assert.deepEqual(auth.context?.['kms:EncryptionContextKeys'], ['PARAMETER_ARN']);
    assert.equal(auth.context?.['kms:ViaService'], 'ssm.us-east-1.amazonaws.com');
  });

  it('answers NotFoundException for unknown keys and aliases, with AWS wording', async () => {
    await rejectsWith(resolveKey(ctx(), '00000000-0000-0000-0000-000000000000'), 'NotFoundException');
    await assert.rejects(resolveKey(ctx(), 'alias/nope'), /Alias arn:aws:kms:us-east-1:111111111111:alias\/nope is not found\./);
    await rejectsWith(resolveKey(ctx(), 'alias/aws/unknown-service'), 'NotFoundException');
  });
});

forEachDatabase('key service: first use of alias/aws/ssm under concurrency', (f) => {
  before(() => setKmsSecrets(f.secrets));

  it('twenty concurrent first uses make exactly one key, and all answer with it', async () => {
    const refs = await Promise.all(Array.from({ length: 20 }, () => resolveKey(testContext(f.db, '333333333333'), 'alias/aws/ssm')));
    assert.equal(new Set(refs.map((r) => r.keyId)).size, 1);
    const keys = await f.db.selectFrom('kms_keys').select('key_id').where('account_id', '=', '333333333333').execute();
    assert.deepEqual(keys.map((k) => k.key_id), [refs[0].keyId]);
  });
});
