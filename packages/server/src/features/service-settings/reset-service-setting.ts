import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { settingResource } from './resources';
import { readSetting, settingPath } from './settings';

async function resetServiceSetting(input: Input<'ResetServiceSetting'>, ctx: RequestContext): Promise<Output<'ResetServiceSetting'>> {
  const path = settingPath(input.SettingId, ctx.region, ctx.accountId);
  await ctx.db.deleteFrom('service_settings')
    .where('account_id', '=', ctx.accountId).where('region', '=', ctx.region).where('setting_id', '=', path)
    .execute();
  // AWS: ResetServiceSetting answers with the setting as it now is (its default).
  return { ServiceSetting: await readSetting(ctx.db, ctx.accountId, ctx.region, path) };
}

export const resetServiceSettingOperation: OperationDef<Input<'ResetServiceSetting'>, Output<'ResetServiceSetting'>> = {
  service: 'ssm',
  name: 'ResetServiceSetting',
  authorize: (input, ctx) => ({ resources: [settingResource(input.SettingId, ctx)] }),
  handle: resetServiceSetting,
};
