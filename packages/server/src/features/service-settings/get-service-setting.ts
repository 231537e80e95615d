import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { settingResource } from './resources';
import { readSetting, settingPath } from './settings';

async function getServiceSetting(input: Input<'GetServiceSetting'>, ctx: RequestContext): Promise<Output<'GetServiceSetting'>> {
  const path = settingPath(input.SettingId, ctx.region, ctx.accountId);
  return { ServiceSetting: await readSetting(ctx.db, ctx.accountId, ctx.region, path) };
}

export const getServiceSettingOperation: OperationDef<Input<'GetServiceSetting'>, Output<'GetServiceSetting'>> = {
  service: 'ssm',
  name: 'GetServiceSetting',
  authorize: (input, ctx) => ({ resources: [settingResource(input.SettingId, ctx)] }),
  handle: getServiceSetting,
};
