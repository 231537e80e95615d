/**
 * `service_settings`: one row per setting an account changed in a region. A setting without a
 * row has its default (settings.ts); ResetServiceSetting deletes the row.
 */
export interface ServiceSettingsTable {
  account_id: string;
  region: string;
  /** The setting's path, e.g. /ssm/parameter-store/default-parameter-tier. */
  setting_id: string;
  setting_value: string;
  last_modified_date: string;
  /** The ARN of the caller that changed it. */
  last_modified_user: string;
}

export interface ServiceSettingTables {
  service_settings: ServiceSettingsTable;
}
