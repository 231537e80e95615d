/**
 * The key service through @aws-sdk/client-kms against a real front door, on SQLite and
 * PostgreSQL: what an SDK user sees.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KMSClient, CreateKeyCommand, DescribeKeyCommand, ListKeysCommand, CreateAliasCommand, ListAliasesCommand,
  UpdateAliasCommand, DeleteAliasCommand, EncryptCommand, DecryptCommand, ReEncryptCommand, GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand, DisableKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand,
  CancelKeyDeletionCommand, EnableKeyRotationCommand, GetKeyRotationStatusCommand, RotateKeyOnDemandCommand,
  ListKeyRotationsCommand, TagResourceCommand, UntagResourceCommand, ListResourceTagsCommand, GetKeyPolicyCommand,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { startKmsTestServer, type KmsTestServer } from './kms-test-server';

const fails = (promise: Promise<unknown>, name: string) =>
  assert.rejects(promise, (e: any) => { assert.equal(e.name, name, `${e.name}: ${e.message}`); return true; });

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`KMS through the SDK [${kind}]`, () => {
    let server: KmsTestServer;
    let kms: KMSClient;
    const client = (creds: { accessKeyId: string; secretAccessKey: string }) =>
      new KMSClient({ endpoint: server.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
    const newKey = async (input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) =>
      (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;

    before(async () => {
      server = await startKmsTestServer(kind);
      kms = client(server.admin);
    });
    after(async () => { kms?.destroy(); await server?.close(); });

    it('creates a key and describes it by id, ARN, alias and alias ARN; ListKeys lists it', async () => {
      const key = await newKey({ Description: 'app secrets', Tags: [{ TagKey: 'Env', TagValue: 'dev' }] });
      assert.match(key.KeyId!, /^[0-9a-f-]{36}$/);
      assert.equal(key.Arn, `arn:aws:kms:us-east-1:${server.admin.accountId}:key/${key.KeyId}`);
      assert.equal(key.KeyManager, 'CUSTOMER');
      assert.equal(key.KeySpec, 'SYMMETRIC_DEFAULT');
      assert.equal(key.KeyUsage, 'ENCRYPT_DECRYPT');
      assert.equal(key.KeyState, 'Enabled');
      assert.equal(key.Enabled, true);
      assert.ok(key.CreationDate instanceof Date);
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId }));
      const aliasArn = `arn:aws:kms:us-east-1:${server.admin.accountId}:alias/app`;
      for (const id of [key.KeyId!, key.Arn!, 'alias/app', aliasArn]) {
        const described = await kms.send(new DescribeKeyCommand({ KeyId: id }));
        assert.equal(described.KeyMetadata?.KeyId, key.KeyId, id);
        assert.equal(described.KeyMetadata?.Description, 'app secrets');
      }
      const listed = await kms.send(new ListKeysCommand({}));
      assert.ok(listed.Keys?.some((k) => k.KeyId === key.KeyId && k.KeyArn === key.Arn));
      await fails(kms.send(new DescribeKeyCommand({ KeyId: 'alias/none' })), 'NotFoundException');
      await fails(kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })), 'UnsupportedOperationException');
    });

    it('pages ListKeys with Limit and Marker, each key once', async () => {
      for (let i = 0; i < 3; i++) await newKey();
      const seen: string[] = [];
      let marker: string | undefined;
      do {
        const page = await kms.send(new ListKeysCommand({ Limit: 2, Marker: marker }));
        assert.ok(page.Keys!.length <= 2);
        seen.push(...page.Keys!.map((k) => k.KeyId!));
        marker = page.Truncated ? page.NextMarker : undefined;
      } while (marker);
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(seen.length >= 4);
      await fails(kms.send(new ListKeysCommand({ Marker: 'forged' })), 'InvalidMarkerException');
    });

    it('enforces alias rules: prefix, reserved alias/aws/, uniqueness; updates and deletes', async () => {
      const a = await newKey();
      const b = await newKey();
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/rules', TargetKeyId: a.Arn }));
      await fails(kms.send(new CreateAliasCommand({ AliasName: 'alias/rules', TargetKeyId: b.KeyId })), 'AlreadyExistsException');
      await fails(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: b.KeyId })), 'NotAuthorizedException');
      await fails(kms.send(new CreateAliasCommand({ AliasName: 'rules2', TargetKeyId: b.KeyId })), 'ValidationException');
      await fails(kms.send(new CreateAliasCommand({ AliasName: 'alias/to-alias', TargetKeyId: 'alias/rules' })), 'ValidationException');
      let aliases = await kms.send(new ListAliasesCommand({ KeyId: a.KeyId }));
      assert.deepEqual(aliases.Aliases?.map((x) => [x.AliasName, x.TargetKeyId]), [['alias/rules', a.KeyId]]);
      await kms.send(new UpdateAliasCommand({ AliasName: 'alias/rules', TargetKeyId: b.KeyId }));
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/rules' }))).KeyMetadata?.KeyId, b.KeyId);
      await kms.send(new DeleteAliasCommand({ AliasName: 'alias/rules' }));
      await fails(kms.send(new DescribeKeyCommand({ KeyId: 'alias/rules' })), 'NotFoundException');
      await fails(kms.send(new DeleteAliasCommand({ AliasName: 'alias/rules' })), 'NotFoundException');
      aliases = await kms.send(new ListAliasesCommand({}));
      assert.ok(!aliases.Aliases?.some((x) => x.AliasName === 'alias/rules'));
    });

    it('encrypts and decrypts with an encryption context; a wrong context or key is refused', async () => {
      const key = await newKey();
      const other = await newKey();
      const context = { purpose: 'test', app: 'bosun' };
      const enc = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('s3cr3t'), EncryptionContext: context }));
      assert.equal(enc.KeyId, key.Arn);
      assert.ok(!Buffer.from(enc.CiphertextBlob!).includes(Buffer.from('s3cr3t')));
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { app: 'bosun', purpose: 'test' } }));
      assert.equal(Buffer.from(dec.Plaintext!).toString(), 's3cr3t');
      assert.equal(dec.KeyId, key.Arn);
      await fails(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { app: 'other', purpose: 'test' } })), 'InvalidCiphertextException');
      await fails(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'InvalidCiphertextException');
      // AWS: Encrypt takes at most 4096 bytes of plaintext.
      await fails(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.alloc(4097) })), 'ValidationException');
      await fails(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: context, KeyId: other.KeyId })), 'IncorrectKeyException');
      const re = await kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: context, DestinationKeyId: other.Arn }));
      assert.equal(re.SourceKeyId, key.Arn);
      assert.equal(re.KeyId, other.Arn);
      const back = await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob }));
      assert.equal(Buffer.from(back.Plaintext!).toString(), 's3cr3t');
    });

    it('generates data keys whose encrypted copy decrypts to the plaintext copy', async () => {
      const key = await newKey();
      const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', EncryptionContext: { k: 'v' } }));
      assert.equal(dk.Plaintext?.length, 32);
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { k: 'v' } }));
      assert.deepEqual(Buffer.from(dec.Plaintext!), Buffer.from(dk.Plaintext!));
      const bytes = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 64 }));
      assert.equal(bytes.Plaintext?.length, 64);
      const noPlain = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, KeySpec: 'AES_128' }));
      assert.ok(!('Plaintext' in noPlain), 'no plaintext copy is returned');
      assert.equal((await kms.send(new DecryptCommand({ CiphertextBlob: noPlain.CiphertextBlob }))).Plaintext?.length, 16);
      await fails(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId })), 'ValidationException');
      await fails(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 8, DryRun: true })), 'DryRunOperationException');
      await fails(kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { k: 'v' }, DryRun: true })), 'DryRunOperationException');
    });

    it('refuses a disabled key, schedules and cancels deletion with AWS states and windows', async () => {
      const key = await newKey();
      const blob = (await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }))).CiphertextBlob;
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState, 'Disabled');
      await fails(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'DisabledException');
      await fails(kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'DisabledException');
      await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
      await fails(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 6 })), 'ValidationException');
      const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      assert.equal(scheduled.KeyState, 'PendingDeletion');
      assert.equal(scheduled.PendingWindowInDays, 7);
      const days = (scheduled.DeletionDate!.getTime() - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7.01, String(days));
      await fails(kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'KMSInvalidStateException');
      await fails(kms.send(new EnableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException');
      await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState, 'Disabled');
      await fails(kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException');
    });

    it('rotates: status, on-demand rotation listed, old ciphertext still readable', async () => {
      const key = await newKey();
      assert.equal((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).KeyRotationEnabled, false);
      await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 180 }));
      const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      assert.equal(status.KeyRotationEnabled, true);
      assert.equal(status.RotationPeriodInDays, 180);
      assert.ok(status.NextRotationDate instanceof Date);
      const old = (await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('before') }))).CiphertextBlob;
      await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
      const rotations = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
      assert.deepEqual(rotations.Rotations?.map((r) => r.RotationType), ['ON_DEMAND']);
      const fresh = (await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('after') }))).CiphertextBlob;
      assert.equal(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: old }))).Plaintext!).toString(), 'before');
      assert.equal(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: fresh }))).Plaintext!).toString(), 'after');
      await fails(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 30 })), 'ValidationException');
    });

    it('creates alias/aws/ssm on first use as an AWS managed key nobody may manage', async () => {
      const described = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }));
      assert.equal(described.KeyMetadata?.KeyManager, 'AWS');
      assert.equal(described.KeyMetadata?.Description, 'Default key that protects my SSM parameters when no other key is defined');
      const again = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }));
      assert.equal(again.KeyMetadata?.KeyId, described.KeyMetadata?.KeyId);
      assert.equal((await kms.send(new GetKeyRotationStatusCommand({ KeyId: 'alias/aws/ssm' }))).KeyRotationEnabled, true);
      await fails(kms.send(new DisableKeyCommand({ KeyId: 'alias/aws/ssm' })), 'AccessDeniedException');
      await fails(kms.send(new ScheduleKeyDeletionCommand({ KeyId: described.KeyMetadata?.KeyId })), 'AccessDeniedException');
      const enc = await kms.send(new EncryptCommand({ KeyId: 'alias/aws/ssm', Plaintext: Buffer.from('p') }));
      assert.equal(enc.KeyId, described.KeyMetadata?.Arn);
      const aliases = await kms.send(new ListAliasesCommand({}));
      assert.ok(aliases.Aliases?.some((a) => a.AliasName === 'alias/aws/ssm' && a.TargetKeyId === described.KeyMetadata?.KeyId));
    });

    it('tags keys and stores key policies (the default one as AWS writes it)', async () => {
      const key = await newKey({ Tags: [{ TagKey: 'a', TagValue: '1' }] });
      await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'b', TagValue: '2' }, { TagKey: 'a', TagValue: '3' }] }));
      await kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['b'] }));
      assert.deepEqual((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags, [{ TagKey: 'a', TagValue: '3' }]);
      await fails(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'aws:x', TagValue: '1' }] })), 'TagException');
      const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }))).Policy!);
      assert.equal(policy.Statement[0].Principal.AWS, `arn:aws:iam::${server.admin.accountId}:root`);
      assert.equal(policy.Statement[0].Action, 'kms:*');
      const mine = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }] });
      await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: mine }));
      assert.equal((await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy, mine);
      await fails(kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: 'not json' })), 'MalformedPolicyDocumentException');
    });

    it('authorises with identity policies: key ARN, aws:ResourceTag and kms:EncryptionContext conditions', async () => {
      const dev = await newKey({ Tags: [{ TagKey: 'Env', TagValue: 'dev' }] });
      const prod = await newKey({ Tags: [{ TagKey: 'Env', TagValue: 'prod' }] });
      const creds = await server.addUser(`kms-user-${kind}`, {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/Env': 'dev' } } },
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: dev.Arn, Condition: { StringEquals: { 'kms:EncryptionContext:app': 'web' } } },
        ],
      });
      const user = client(creds);
      try {
        const enc = await user.send(new EncryptCommand({ KeyId: dev.KeyId, Plaintext: Buffer.from('u'), EncryptionContext: { app: 'web' } }));
        await fails(user.send(new EncryptCommand({ KeyId: prod.KeyId, Plaintext: Buffer.from('u') })), 'AccessDeniedException');
        assert.equal(Buffer.from((await user.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { app: 'web' } }))).Plaintext!).toString(), 'u');
        const other = await user.send(new EncryptCommand({ KeyId: dev.KeyId, Plaintext: Buffer.from('u'), EncryptionContext: { app: 'api' } }));
        await fails(user.send(new DecryptCommand({ CiphertextBlob: other.CiphertextBlob, EncryptionContext: { app: 'api' } })), 'AccessDeniedException');
        await fails(user.send(new CreateKeyCommand({})), 'AccessDeniedException');
      } finally {
        user.destroy();
      }
    });

    it('never writes plaintext or data keys to the audit log', async () => {
      const key = await newKey();
      const marker = 'PLAINTEXT-MARKER-7c1e';
      const enc = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from(marker) }));
      await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
      const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 32 }));
      const rows = JSON.stringify(await server.context.db.selectFrom('audit_events').selectAll().execute());
      assert.ok(rows.includes('"Decrypt"') || rows.includes('Decrypt'), 'the calls were audited');
      for (const secret of [marker, Buffer.from(marker).toString('base64'), Buffer.from(dk.Plaintext!).toString('base64'), Buffer.from(dk.Plaintext!).toString('hex')]) {
        assert.ok(!rows.includes(secret), `audit log holds ${secret}`);
      }
    });
  });
}
