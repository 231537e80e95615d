/**
 * SSM service settings: GetServiceSetting, UpdateServiceSetting, ResetServiceSetting — the
 * account-and-region switches AWS keeps per setting (settings.ts lists the ones Bosun has and
 * what each changes). Other rooms read a setting's value with settingValue.
 */
import type { OperationDef } from '../../operations/types';
import { getServiceSettingOperation } from './get-service-setting';
import { resetServiceSettingOperation } from './reset-service-setting';
import { updateServiceSettingOperation } from './update-service-setting';

export const serviceSettingOperations: OperationDef[] = [
  getServiceSettingOperation,
  updateServiceSettingOperation,
  resetServiceSettingOperation,
];

export { settingValue } from './settings';
