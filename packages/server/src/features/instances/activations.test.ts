/** Activations and registration through the real SDK and the registration endpoint, on both engines. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateActivationCommand, DeleteActivationCommand, DescribeActivationsCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { startAgentTestServer, type AgentTestServer } from '../../agents/testing/agent-test-server';
import { newKeyPair, postRegister, registerNode, TEST_FACTS } from '../../agents/testing/test-agent';
import { createActivationRecord, ensureNodeRole } from '../../agents/index';

const failure = async (promise: Promise<unknown>): Promise<{ name: string; message: string }> => {
  try { await promise; } catch (e) { return e as { name: string; message: string }; }
  throw new Error('expected the call to fail');
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`activations and registration [${kind}]`, () => {
    let t: AgentTestServer;
    let ssm: SSMClient;
    before(async () => {
      t = await startAgentTestServer(kind);
      ssm = t.ssm();
      await t.createNodeRole('BosunNodeRole');
      await t.createNodeRole('PathRole', '/service-role/');
    });
    after(async () => t.close());

    it('refuses a role that does not exist, with AWS error', async () => {
      const e = await failure(ssm.send(new CreateActivationCommand({ IamRole: 'NoSuchRole' })));
      assert.equal(e.name, 'ValidationException');
      assert.equal(e.message, `Nonexistent role or missing ssm service principal in trust policy: arn:aws:iam::${t.accountId}:role/NoSuchRole`);
    });

    it('creates an activation: uuid id, 20-character code, only a hash stored, AWS defaults', async () => {
      const out = await ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', Description: 'web tier', Tags: [{ Key: 'Env', Value: 'prod' }] }));
      assert.match(out.ActivationId!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(out.ActivationCode!.length, 20);
      const row = await t.context.db.selectFrom('activations').selectAll().where('activation_id', '=', out.ActivationId!).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(row).includes(out.ActivationCode!), 'the code itself is not stored');
      const [listed] = (await ssm.send(new DescribeActivationsCommand({ Filters: [{ FilterKey: 'ActivationIds', FilterValues: [out.ActivationId!] }] }))).ActivationList!;
      assert.equal(listed.RegistrationLimit, 1);
      assert.equal(listed.RegistrationsCount, 0);
      assert.equal(listed.Expired, false);
      assert.equal(listed.Description, 'web tier');
      assert.deepEqual(listed.Tags, [{ Key: 'Env', Value: 'prod' }]);
      const hours = (listed.ExpirationDate!.getTime() - listed.CreatedDate!.getTime()) / 3600_000;
      assert.ok(Math.abs(hours - 24) < 0.01, `expires after ${hours} h`);
    });

    it('accepts a role named with its path, and refuses expiry beyond 30 days or in the past and limits over 1000', async () => {
      await ssm.send(new CreateActivationCommand({ IamRole: 'service-role/PathRole' }));
      const far = await failure(ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', ExpirationDate: new Date(Date.now() + 31 * 86400_000) })));
      assert.equal(far.name, 'ValidationException');
      const past = await failure(ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', ExpirationDate: new Date(Date.now() - 60_000) })));
      assert.equal(past.name, 'ValidationException');
      const many = await failure(ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', RegistrationLimit: 1001 })));
      assert.equal(many.name, 'ValidationException');
    });

    it('registers nodes up to the limit, then refuses; wrong codes and ids get AWS errors', async () => {
      const { ActivationId, ActivationCode } = await ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', RegistrationLimit: 2, DefaultInstanceName: 'web' }));
      const key = newKeyPair().publicKeyPem;
      const wrong = await postRegister(t.url, { activationId: ActivationId, activationCode: 'A'.repeat(20), publicKey: key, facts: TEST_FACTS });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.__type, 'InvalidActivation');
      const malformed = await postRegister(t.url, { activationId: 'not-an-id', activationCode: ActivationCode, publicKey: key, facts: TEST_FACTS });
      assert.equal(malformed.body.__type, 'InvalidActivationId');
      const badKey = await postRegister(t.url, { activationId: ActivationId, activationCode: ActivationCode, publicKey: 'nope', facts: TEST_FACTS });
      assert.equal(badKey.status, 400);

      const a = await registerNode(t.url, ActivationId!, ActivationCode!);
      const b = await registerNode(t.url, ActivationId!, ActivationCode!);
      assert.match(a.instanceId, /^mi-[0-9a-f]{17}$/);
      assert.notEqual(a.instanceId, b.instanceId);
      const third = await postRegister(t.url, { activationId: ActivationId, activationCode: ActivationCode, publicKey: key, facts: TEST_FACTS });
      assert.equal(third.status, 400);
      assert.equal(third.body.__type, 'InvalidActivation');
      assert.match(third.body.message, /registration limit/);
      const [listed] = (await ssm.send(new DescribeActivationsCommand({ Filters: [{ FilterKey: 'ActivationIds', FilterValues: [ActivationId!] }] }))).ActivationList!;
      assert.equal(listed.RegistrationsCount, 2);
    });

    it('refuses an expired activation and reports it Expired', async () => {
      const { ActivationId, ActivationCode } = await ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', ExpirationDate: new Date(Date.now() + 2000) }));
      await new Promise((r) => setTimeout(r, 2100));
      const res = await postRegister(t.url, { activationId: ActivationId, activationCode: ActivationCode, publicKey: newKeyPair().publicKeyPem, facts: TEST_FACTS });
      assert.equal(res.status, 400);
      assert.equal(res.body.__type, 'ActivationExpired');
      const [listed] = (await ssm.send(new DescribeActivationsCommand({ Filters: [{ FilterKey: 'ActivationIds', FilterValues: [ActivationId!] }] }))).ActivationList!;
      assert.equal(listed.Expired, true);
    });

    it('filters by default instance name and role, and pages with NextToken', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 3; i++) {
        ids.add((await ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', DefaultInstanceName: 'paged' }))).ActivationId!);
      }
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await ssm.send(new DescribeActivationsCommand({ Filters: [{ FilterKey: 'DefaultInstanceName', FilterValues: ['paged'] }], MaxResults: 2, NextToken: token }));
        assert.ok(page.ActivationList!.length <= 2);
        seen.push(...page.ActivationList!.map((a) => a.ActivationId!));
        token = page.NextToken;
      } while (token);
      assert.deepEqual(new Set(seen), ids);
      const byRole = await ssm.send(new DescribeActivationsCommand({ Filters: [{ FilterKey: 'IamRole', FilterValues: ['service-role/PathRole'] }] }));
      assert.equal(byRole.ActivationList!.length, 1);
      const bad = await failure(ssm.send(new DescribeActivationsCommand({ NextToken: 'forged.token' })));
      assert.equal(bad.name, 'InvalidNextToken');
    });

    it("bosun up's helpers: one node role however often called, and an activation a node registers with", async () => {
      assert.equal(await ensureNodeRole(t.context.db, t.accountId, 'LocalNodeRole'), 'LocalNodeRole');
      assert.equal(await ensureNodeRole(t.context.db, t.accountId, 'LocalNodeRole'), 'LocalNodeRole');
      const a = await createActivationRecord(t.context.db, { accountId: t.accountId, region: 'us-east-1', iamRole: 'LocalNodeRole', expirationDate: new Date(Date.now() + 3600_000), defaultInstanceName: 'this-machine' });
      const n = await registerNode(t.url, a.activationId, a.activationCode);
      const [listed] = (await ssm.send(new DescribeActivationsCommand({ Filters: [{ FilterKey: 'IamRole', FilterValues: ['LocalNodeRole'] }] }))).ActivationList!;
      assert.equal(listed.RegistrationsCount, 1);
      assert.match(n.instanceId, /^mi-/);
    });

    it('deletes an activation: no more registrations, unknown ids refused', async () => {
      const { ActivationId, ActivationCode } = await ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole' }));
      await ssm.send(new DeleteActivationCommand({ ActivationId }));
      const res = await postRegister(t.url, { activationId: ActivationId, activationCode: ActivationCode, publicKey: newKeyPair().publicKeyPem, facts: TEST_FACTS });
      assert.equal(res.body.__type, 'InvalidActivation');
      const again = await failure(ssm.send(new DeleteActivationCommand({ ActivationId })));
      assert.equal(again.name, 'InvalidActivationId');
    });
  });
}
