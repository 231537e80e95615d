/**
 * Command-line options with environment fallbacks (for automation: cloud-init, containers,
 * configuration management), flag first, then variable, then default.
 */
import { parseArgs } from 'node:util';
import type { LogFormat, LogLevel } from '../log/logger';
import { DEFAULT_STATE_DIR } from '../state/state-dir';

export class UsageError extends Error {}

const SPEC = {
  url: { type: 'string', env: 'BOSUN_AGENT_URL' },
  'activation-id': { type: 'string', env: 'BOSUN_ACTIVATION_ID' },
  'activation-code': { type: 'string', env: 'BOSUN_ACTIVATION_CODE' },
  region: { type: 'string', env: 'BOSUN_AGENT_REGION' },
  'ca-fingerprint': { type: 'string', env: 'BOSUN_AGENT_CA_FINGERPRINT' },
  'ca-file': { type: 'string', env: 'BOSUN_AGENT_CA_FILE' },
  'state-dir': { type: 'string', env: 'BOSUN_AGENT_STATE_DIR' },
  'log-format': { type: 'string', env: 'BOSUN_AGENT_LOG_FORMAT' },
  'log-level': { type: 'string', env: 'BOSUN_AGENT_LOG_LEVEL' },
  'reboot-command': { type: 'string', env: 'BOSUN_AGENT_REBOOT_COMMAND' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface AgentCliOptions {
  url?: string;
  activationId?: string;
  activationCode?: string;
  region?: string;
  caFingerprint?: string;
  caFile?: string;
  stateDir: string;
  logFormat: LogFormat;
  logLevel: LogLevel;
  /** What a Run Command script's exit 194 runs; undefined = the plugin's default (systemctl reboot). */
  rebootCommand?: string;
  force: boolean;
  help: boolean;
}

export function readOptions(args: string[], env: NodeJS.ProcessEnv = process.env): AgentCliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options: SPEC, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const pick = (name: keyof typeof SPEC): string | undefined => {
    const fromFlag = values[name];
    if (typeof fromFlag === 'string') return fromFlag;
    const spec = SPEC[name] as { env?: string };
    return spec.env ? env[spec.env] || undefined : undefined;
  };
  const logFormat = (pick('log-format') ?? 'json') as LogFormat;
  if (logFormat !== 'json' && logFormat !== 'text') throw new UsageError(`--log-format must be json or text, not ${logFormat}`);
  const logLevel = (pick('log-level') ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) throw new UsageError(`--log-level must be debug, info, warn or error`);
  return {
    url: pick('url'),
    activationId: pick('activation-id'),
    activationCode: pick('activation-code'),
    region: pick('region'),
    caFingerprint: pick('ca-fingerprint'),
    caFile: pick('ca-file'),
    stateDir: pick('state-dir') ?? DEFAULT_STATE_DIR,
    logFormat,
    logLevel,
    rebootCommand: pick('reboot-command'),
    force: values.force === true,
    help: values.help === true,
  };
}
