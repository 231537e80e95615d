import { Command, Option } from 'commander';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { awsFiles, readIniSection } from '../aws-profile';

/**
 * `bosun events subscribe|list|unsubscribe|test|log`: the Bosun events API
 * (X-Amz-Target BosunEvents_20261101.*), SigV4-signed with the credentials of an AWS profile,
 * as the aws CLI would sign them.
 */
interface ApiFlags { profile: string; endpointUrl?: string; region?: string }

const TARGET = 'BosunEvents_20261101';

export function eventsCommand(): Command {
  const events = new Command('events').description('the event log and its webhook subscriptions');
  events.addCommand(api(new Command('subscribe'))
    .description('send matching events to a webhook (prints its signing secret once)')
    .requiredOption('--name <name>', 'subscription name')
    .requiredOption('--url <url>', 'http(s) URL that receives each event as a signed POST')
    .option('--pattern <json>', 'EventBridge-style event pattern, e.g. {"source":["aws.ssm"]}')
    .option('--source <source...>', 'shorthand pattern: match these sources')
    .option('--detail-type <type...>', 'shorthand pattern: match these detail types')
    .option('--disabled', 'create it disabled')
    .action(async (flags: ApiFlags & { name: string; url: string; pattern?: string; source?: string[]; detailType?: string[]; disabled?: boolean }) => {
      const pattern = flags.pattern ?? JSON.stringify({
        ...(flags.source ? { source: flags.source } : {}),
        ...(flags.detailType ? { 'detail-type': flags.detailType } : {}),
      });
      const out = await callApi(flags, 'CreateEventSubscription', { Name: flags.name, Url: flags.url, EventPattern: pattern, Enabled: !flags.disabled });
      process.stdout.write(`subscribed: ${out.SubscriptionArn}\n`);
      process.stdout.write(`signing secret (shown once; verify X-Bosun-Signature with it): ${out.SigningSecret}\n`);
    }));
  events.addCommand(api(new Command('list'))
    .description('list webhook subscriptions and how their deliveries are going')
    .action(async (flags: ApiFlags) => {
      const rows: string[][] = [['NAME', 'ENABLED', 'URL', 'LAST SUCCESS', 'FAILURES', 'LAST ERROR']];
      let token: string | undefined;
      do {
        const page = await callApi(flags, 'ListEventSubscriptions', token ? { NextToken: token } : {});
        for (const s of page.Subscriptions as Array<Record<string, any>>) {
          rows.push([s.Name, s.Enabled ? 'yes' : 'no', s.Url, when(s.LastSuccessTime), String(s.ConsecutiveFailures), s.LastError ?? '']);
        }
        token = page.NextToken;
      } while (token);
      printTable(rows);
    }));
  events.addCommand(api(new Command('unsubscribe'))
    .description('delete a subscription; events still owed to it are dropped')
    .requiredOption('--name <name>', 'subscription name')
    .action(async (flags: ApiFlags & { name: string }) => {
      await callApi(flags, 'DeleteEventSubscription', { Name: flags.name });
      process.stdout.write(`unsubscribed: ${flags.name}\n`);
    }));
  events.addCommand(api(new Command('test'))
    .description('send a signed test event to a subscription now and show the answer')
    .requiredOption('--name <name>', 'subscription name')
    .action(async (flags: ApiFlags & { name: string }) => {
      const out = await callApi(flags, 'TestEventSubscription', { Name: flags.name });
      process.stdout.write(out.Delivered ? `delivered (HTTP ${out.StatusCode})\n` : `not delivered: ${out.Error}\n`);
      if (!out.Delivered) process.exitCode = 1;
    }));
  events.addCommand(api(new Command('log'))
    .description('the account\'s event log, newest first')
    .option('--source <source>', 'only events from this source, e.g. aws.ssm')
    .option('--detail-type <type>', 'only events of this detail type')
    .option('--since <time>', 'only events at or after this ISO-8601 time')
    .option('--max <n>', 'at most this many events', (v) => Number(v), 50)
    .option('--json', 'print each event as its EventBridge JSON, one a line')
    .action(async (flags: ApiFlags & { source?: string; detailType?: string; since?: string; max: number; json?: boolean }) => {
      const since = flags.since ? Date.parse(flags.since) : undefined;
      if (since !== undefined && Number.isNaN(since)) throw new Error(`--since: not a time: ${flags.since}`);
      const rows: string[][] = [['TIME', 'SOURCE', 'DETAIL-TYPE', 'RESOURCES']];
      let token: string | undefined;
      let left = flags.max;
      do {
        const page = await callApi(flags, 'ListEvents', {
          Source: flags.source, DetailType: flags.detailType, StartTime: since === undefined ? undefined : since / 1000,
          MaxResults: Math.min(left, 100), NextToken: token,
        });
        for (const e of page.Events as Array<Record<string, any>>) {
          if (flags.json) process.stdout.write(`${e.Event}\n`);
          else rows.push([when(e.Time), e.Source, e.DetailType, (e.Resources as string[]).join(' ')]);
        }
        left -= page.Events.length;
        token = page.NextToken;
      } while (token && left > 0);
      if (!flags.json) printTable(rows);
    }));
  return events;
}

function api(command: Command): Command {
  return command
    .addOption(new Option('--profile <name>', 'AWS profile with the credentials to sign with').default('bosun').env('AWS_PROFILE'))
    .option('--endpoint-url <url>', 'the Bosun server (default: the profile\'s endpoint_url)')
    .option('--region <region>', 'region (default: the profile\'s region, else us-east-1)');
}

/** One signed JSON 1.1 call; throws the server's AWS error as `Code: message`. */
async function callApi(flags: ApiFlags, operation: string, input: Record<string, unknown>): Promise<any> {
  const files = awsFiles();
  const creds = readIniSection(files.credentials, flags.profile);
  const config = readIniSection(files.config, flags.profile === 'default' ? 'default' : `profile ${flags.profile}`) ?? {};
  if (!creds?.aws_access_key_id || !creds.aws_secret_access_key) {
    throw new Error(`no credentials for profile ${flags.profile} in ${files.credentials} (run bosun init, or pass --profile)`);
  }
  const endpoint = flags.endpointUrl ?? config.endpoint_url;
  if (!endpoint) throw new Error(`no endpoint: pass --endpoint-url or set endpoint_url for profile ${flags.profile}`);
  const url = new URL(endpoint);
  const body = JSON.stringify(input);
  const signer = new SignatureV4({
    credentials: { accessKeyId: creds.aws_access_key_id, secretAccessKey: creds.aws_secret_access_key, sessionToken: creds.aws_session_token },
    region: flags.region ?? config.region ?? 'us-east-1',
    service: 'bosun',
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST', protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: '/', query: {}, body,
    headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}.${operation}` },
  });
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  const response = await fetch(new URL('/', url), { method: 'POST', headers, body });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(`${parsed.__type ?? `HTTP ${response.status}`}: ${parsed.message ?? text}`);
  return parsed;
}

function when(epochSeconds: number | undefined): string {
  return epochSeconds === undefined ? '-' : new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) process.stdout.write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}\n`);
}
