import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  CreateDocumentCommand, GetServiceSettingCommand, ModifyDocumentPermissionCommand, PutParameterCommand, ResetServiceSettingCommand,
  UpdateServiceSettingCommand,
} from '@aws-sdk/client-ssm';
import { forEachServer } from '../parameters/test-servers';
import { awsSsm as aws } from '../../../test/aws-cli';

const TIER = '/ssm/parameter-store/default-parameter-tier';
const SHARING = '/ssm/documents/console/public-sharing-permission';

const failsWith = async (p: Promise<unknown>, name: string) => {
  await assert.rejects(p, (e: Error) => { assert.equal(e.name, name, e.message); return true; });
};

forEachServer('service settings', (f) => {
  it('reads defaults, updates and resets a setting by path or ARN, refusing unknown settings and values', async () => {
    const ssm = f.client();
    const arn = `arn:aws:ssm:us-east-1:${f.accountId}:servicesetting${TIER}`;
    const initial = (await ssm.send(new GetServiceSettingCommand({ SettingId: TIER }))).ServiceSetting!;
    assert.deepEqual(
      [initial.SettingId, initial.SettingValue, initial.Status, initial.LastModifiedUser, initial.ARN],
      [TIER, 'Standard', 'Default', 'System', arn],
    );
    await ssm.send(new UpdateServiceSettingCommand({ SettingId: arn, SettingValue: 'intelligent-tiering' }));
    const changed = (await ssm.send(new GetServiceSettingCommand({ SettingId: TIER }))).ServiceSetting!;
    assert.deepEqual([changed.SettingValue, changed.Status], ['Intelligent-Tiering', 'Customized']);
    assert.match(changed.LastModifiedUser!, new RegExp(`^arn:aws:iam::${f.accountId}:user/`));
    // Another region of the same account keeps its own value.
    const west = f.client();
    west.config.region = async () => 'us-west-2';
    assert.equal((await west.send(new GetServiceSettingCommand({ SettingId: TIER }))).ServiceSetting!.SettingValue, 'Standard');

    await failsWith(ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: 'Premium' })), 'ValidationException');
    await failsWith(ssm.send(new GetServiceSettingCommand({ SettingId: '/ssm/parameter-store/no-such-setting' })), 'ServiceSettingNotFound');
    await failsWith(ssm.send(new GetServiceSettingCommand({ SettingId: '/ssm/opsinsights/opscenter' })), 'ServiceSettingNotFound');
    await failsWith(ssm.send(new UpdateServiceSettingCommand({ SettingId: `arn:aws:ssm:us-east-1:111111111111:servicesetting${TIER}`, SettingValue: 'Advanced' })), 'ServiceSettingNotFound');
    assert.equal((await ssm.send(new GetServiceSettingCommand({ SettingId: TIER }))).ServiceSetting!.SettingValue, 'Intelligent-Tiering', 'a refused update changed the setting');

    const reset = (await ssm.send(new ResetServiceSettingCommand({ SettingId: TIER }))).ServiceSetting!;
    assert.deepEqual([reset.SettingValue, reset.Status, reset.LastModifiedUser], ['Standard', 'Default', 'System']);
  });

  it('PutParameter without a Tier follows default-parameter-tier, on create and on update', async () => {
    const ssm = f.client();
    const put = (name: string, value: string, more: object = {}) =>
      ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: 'String', ...more }));
    // Default Standard: a 5,000-character value does not fit.
    await failsWith(put('/tier/big', 'x'.repeat(5000)), 'ValidationException');
    await ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: 'Intelligent-Tiering' }));
    assert.equal((await put('/tier/small', 'x')).Tier, 'Standard');
    assert.equal((await put('/tier/big', 'x'.repeat(5000))).Tier, 'Advanced');
    await ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: 'Advanced' }));
    assert.equal((await put('/tier/small', 'y', { Type: undefined, Overwrite: true })).Tier, 'Advanced');
    assert.equal((await put('/tier/explicit', 'x', { Tier: 'Standard' })).Tier, 'Standard', 'an explicit Tier wins over the setting');
    await ssm.send(new ResetServiceSettingCommand({ SettingId: TIER }));
    // Back to Standard: an Advanced parameter updated without a Tier stays Advanced, as before.
    assert.equal((await put('/tier/small', 'z', { Type: undefined, Overwrite: true })).Tier, 'Advanced');
    assert.equal((await put('/tier/plain', 'x')).Tier, 'Standard');
  });

  it('public-sharing-permission Disable refuses sharing a document with All but not with accounts', async () => {
    const ssm = f.client();
    const content = JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runShellScript', name: 'run', inputs: { runCommand: ['true'] } }] });
    await ssm.send(new CreateDocumentCommand({ Name: 'settings-share', Content: content, DocumentType: 'Command' }));
    await ssm.send(new UpdateServiceSettingCommand({ SettingId: SHARING, SettingValue: 'Disable' }));
    await failsWith(ssm.send(new ModifyDocumentPermissionCommand({ Name: 'settings-share', PermissionType: 'Share', AccountIdsToAdd: ['All'] })), 'InvalidPermissionType');
    await ssm.send(new ModifyDocumentPermissionCommand({ Name: 'settings-share', PermissionType: 'Share', AccountIdsToAdd: ['123456789012'] }));
    await ssm.send(new ResetServiceSettingCommand({ SettingId: SHARING }));
    await ssm.send(new ModifyDocumentPermissionCommand({ Name: 'settings-share', PermissionType: 'Share', AccountIdsToAdd: ['All'] }));
  });

  it('is authorised per setting ARN', async () => {
    const keys = await f.userWithPolicy('tier-admin', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ssm:GetServiceSetting', 'ssm:UpdateServiceSetting'], Resource: `arn:aws:ssm:*:*:servicesetting/ssm/parameter-store/*` }],
    });
    const user = f.client(keys);
    await user.send(new UpdateServiceSettingCommand({ SettingId: '/ssm/parameter-store/high-throughput-enabled', SettingValue: 'true' }));
    assert.equal((await user.send(new GetServiceSettingCommand({ SettingId: '/ssm/parameter-store/high-throughput-enabled' }))).ServiceSetting!.SettingValue, 'true');
    await failsWith(user.send(new UpdateServiceSettingCommand({ SettingId: SHARING, SettingValue: 'Disable' })), 'AccessDeniedException');
    await failsWith(user.send(new ResetServiceSettingCommand({ SettingId: '/ssm/parameter-store/high-throughput-enabled' })), 'AccessDeniedException');
  });

  it('works through the aws CLI', async () => {
    const arn = `arn:aws:ssm:us-east-1:${f.accountId}:servicesetting/ssm/managed-instance/activation-tier`;
    const got = await aws(f, ['get-service-setting', '--setting-id', arn]);
    assert.deepEqual([got.json?.ServiceSetting.SettingValue, got.json?.ServiceSetting.Status], ['standard', 'Default'], got.stderr);
    const updated = await aws(f, ['update-service-setting', '--setting-id', arn, '--setting-value', 'advanced']);
    assert.ok(updated.ok, updated.stderr);
    assert.equal((await aws(f, ['get-service-setting', '--setting-id', arn])).json.ServiceSetting.SettingValue, 'advanced');
    const reset = await aws(f, ['reset-service-setting', '--setting-id', arn]);
    assert.deepEqual([reset.json?.ServiceSetting.SettingValue, reset.json?.ServiceSetting.LastModifiedUser], ['standard', 'System'], reset.stderr);
    const missing = await aws(f, ['get-service-setting', '--setting-id', '/ssm/automation/customer-script-log-destination']);
    assert.ok(!missing.ok && missing.stderr.includes('ServiceSettingNotFound'), missing.stderr);
  });
});
