import os from 'node:os';
import { Command, Option } from 'commander';
import { ensureServerTls } from '@bosun/server/tls/index';
import { openStores, resolveConfig, DEFAULT_PORT } from '@bosun/server';
import { bootstrapAccount, hasAnyAccount } from '@bosun/server/iam/bootstrap';
import { awsFiles, writeIniSection } from '../aws-profile';
import { storeOptions } from '../store-options';

export interface InitFlags {
  dataDir?: string;
  database?: string;
  profile: string;
  region: string;
  endpointUrl?: string;
}

export interface InitResult {
  created: boolean;
  /** SHA-256 of the CA that remote nodes pin (`bosun-agent register --ca-fingerprint`). */
  caFingerprint: string;
  accountId?: string;
  userArn?: string;
  profile: string;
  credentialsFile: string;
}

export function initCommand(): Command {
  return storeOptions(new Command('init').description('create the first account, an admin user and its access key; write an AWS CLI profile'))
    .option('--profile <name>', 'AWS CLI profile to write', 'bosun')
    .addOption(new Option('--region <region>', 'region for the profile').default('us-east-1').env('BOSUN_REGION'))
    .option('--endpoint-url <url>', 'endpoint written into the profile (for AWS CLIs that read endpoint_url)')
    .action(async (flags: InitFlags) => {
      const result = await initialise(flags);
      report(result);
    });
}

/** Creates the first account once; later calls change nothing and say so. */
export async function initialise(flags: InitFlags): Promise<InitResult> {
  const config = resolveConfig({ dataDir: flags.dataDir, databaseUrl: flags.database });
  const files = awsFiles();
  const { db, secrets } = await openStores(config);
  try {
    // The CA and server certificate nodes will pin; made once, kept in the data directory.
    const tls = await ensureServerTls(config.dataDir, { hostnames: [os.hostname()] });
    const caFingerprint = tls.caFingerprint;
    if (await hasAnyAccount(db)) return { created: false, caFingerprint, profile: flags.profile, credentialsFile: files.credentials };
    const boot = await bootstrapAccount(db, secrets, {});
    writeIniSection(files.credentials, flags.profile, {
      aws_access_key_id: boot.accessKeyId,
      aws_secret_access_key: boot.secretAccessKey,
    });
    writeIniSection(files.config, flags.profile === 'default' ? 'default' : `profile ${flags.profile}`, {
      region: flags.region,
      output: 'json',
      endpoint_url: flags.endpointUrl ?? `http://127.0.0.1:${config.port ?? DEFAULT_PORT}`,
    });
    return { created: true, caFingerprint, accountId: boot.accountId, userArn: boot.userArn, profile: flags.profile, credentialsFile: files.credentials };
  } finally {
    await db.destroy();
  }
}

export function report(result: InitResult): void {
  process.stderr.write(`CA fingerprint (for bosun-agent register --ca-fingerprint): ${result.caFingerprint}\n`);
  if (result.created) {
    process.stderr.write(
      `Created account ${result.accountId} with admin user ${result.userArn}.\n` +
        `Its access key is in profile [${result.profile}] of ${result.credentialsFile} (mode 0600); it is not shown again.\n`,
    );
  } else {
    process.stderr.write(`Bosun is already initialised; nothing changed. Credentials live in profile [${result.profile}] of ${result.credentialsFile}.\n`);
  }
}
