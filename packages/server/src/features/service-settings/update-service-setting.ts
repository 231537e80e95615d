import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { settingResource } from './resources';
import { acceptedValue, settingPath } from './settings';

async function updateServiceSetting(input: Input<'UpdateServiceSetting'>, ctx: RequestContext): Promise<Output<'UpdateServiceSetting'>> {
  const path = settingPath(input.SettingId, ctx.region, ctx.accountId);
  const value = acceptedValue(path, input.SettingValue);
  const row = {
    account_id: ctx.accountId,
    region: ctx.region,
    setting_id: path,
    setting_value: value,
    last_modified_date: ctx.now.toISOString(),
    last_modified_user: ctx.principal.arn,
  };
  await ctx.db.insertInto('service_settings').values(row)
    .onConflict((c) => c.columns(['account_id', 'region', 'setting_id']).doUpdateSet({
      setting_value: value, last_modified_date: row.last_modified_date, last_modified_user: row.last_modified_user,
    }))
    .execute();
  // AWS: UpdateServiceSetting answers with an empty body.
  return {};
}

export const updateServiceSettingOperation: OperationDef<Input<'UpdateServiceSetting'>, Output<'UpdateServiceSetting'>> = {
  service: 'ssm',
  name: 'UpdateServiceSetting',
  authorize: (input, ctx) => ({ resources: [settingResource(input.SettingId, ctx)] }),
  handle: updateServiceSetting,
};
