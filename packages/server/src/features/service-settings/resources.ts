import type { RequestContext } from '../../operations/types';
import { settingArn } from './settings';

/** The ARN a SettingId names (AWS accepts the path or the full ARN), for IAM; not checked here. */
export function settingResource(settingId: string, ctx: RequestContext): string {
  return settingId.startsWith('arn:') ? settingId : settingArn(settingId.startsWith('/') ? settingId : `/${settingId}`, ctx.region, ctx.accountId);
}
