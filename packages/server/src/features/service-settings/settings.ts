import type { SsmTypes } from '@bosun/protocol';
import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';

/**
 * The service settings Bosun provisions, with AWS's defaults and the values AWS accepts for
 * each (values are matched without regard to case and stored as spelled here).
 * AWS also lists settings for Automation, OpsCenter, Application Manager and Default Host
 * Management Configuration, which Bosun does not have: those answer ServiceSettingNotFound,
 * AWS's answer for a setting "not provisioned by the service team".
 */
export const SERVICE_SETTINGS: Record<string, { defaultValue: string; values: readonly string[] }> = {
  // AWS: PutParameter without a Tier uses this tier.
  '/ssm/parameter-store/default-parameter-tier': {
    defaultValue: 'Standard',
    values: ['Standard', 'Advanced', 'Intelligent-Tiering'],
  },
  // AWS: raises GetParameter's throughput quota (and charges for it). Bosun has no such quota.
  '/ssm/parameter-store/high-throughput-enabled': {
    defaultValue: 'false',
    values: ['true', 'false'],
  },
  // AWS: "Disable" blocks sharing documents publicly (the console's "Block public sharing").
  '/ssm/documents/console/public-sharing-permission': {
    defaultValue: 'Enable',
    values: ['Enable', 'Disable'],
  },
  // AWS: the tier of hybrid-activated nodes. Bosun's nodes have no tiers.
  '/ssm/managed-instance/activation-tier': {
    defaultValue: 'standard',
    values: ['standard', 'advanced'],
  },
};

/** A SettingId as given (a path, or the setting's full ARN) as the setting's path; or AWS's not-found error. */
export function settingPath(settingId: string, region: string, accountId: string): string {
  let path = settingId;
  const arn = /^arn:aws:ssm:([^:]*):([^:]*):servicesetting(\/.*)$/.exec(settingId);
  if (arn) {
    // Bosun: another account's or region's setting is not one this caller can see.
    if (arn[1] !== region || arn[2] !== accountId) throw notFound(settingId);
    path = arn[3];
  }
  if (!Object.hasOwn(SERVICE_SETTINGS, path)) throw notFound(settingId);
  return path;
}

export function settingArn(path: string, region: string, accountId: string): string {
  return `arn:aws:ssm:${region}:${accountId}:servicesetting${path}`;
}

function notFound(settingId: string): AwsError {
  return new AwsError('ServiceSettingNotFound', `The service setting ${settingId} was not found. Either the service name or the setting hasn't been provisioned.`);
}

/** The value AWS accepts for `path`, spelled as AWS spells it; a ValidationException otherwise. */
export function acceptedValue(path: string, value: string): string {
  const known = SERVICE_SETTINGS[path];
  const match = known.values.find((v) => v.toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    throw new AwsError('ValidationException', `Invalid value ${value} for service setting ${path}. Valid values: ${known.values.join(', ')}.`);
  }
  return match;
}

/** The setting as GetServiceSetting and ResetServiceSetting show it. */
export async function readSetting(db: Db, accountId: string, region: string, path: string): Promise<SsmTypes.ServiceSetting> {
  const row = await db.selectFrom('service_settings').selectAll()
    .where('account_id', '=', accountId).where('region', '=', region).where('setting_id', '=', path)
    .executeTakeFirst();
  const arn = settingArn(path, region, accountId);
  if (!row) {
    // AWS: a default setting names "System" as its last modifier.
    return { SettingId: path, SettingValue: SERVICE_SETTINGS[path].defaultValue, LastModifiedDate: DEFAULTS_SINCE, LastModifiedUser: 'System', ARN: arn, Status: 'Default' };
  }
  return {
    SettingId: path,
    SettingValue: row.setting_value,
    LastModifiedDate: new Date(row.last_modified_date),
    LastModifiedUser: row.last_modified_user,
    ARN: arn,
    Status: 'Customized',
  };
}

/** The value in force for one account and region: what other rooms consult. */
export async function settingValue(db: Db, accountId: string, region: string, path: keyof typeof SERVICE_SETTINGS & string): Promise<string> {
  return (await readSetting(db, accountId, region, path)).SettingValue!;
}

/**
 * Bosun: a setting at its default reports this fixed LastModifiedDate (AWS shows when its service
 * team provisioned it), so the date does not move between calls.
 */
const DEFAULTS_SINCE = new Date('2019-04-17T00:00:00Z');
