/**
 * Where `bosun run`, `bosun session` and `bosun port-forward` talk to: the SSM client signed with
 * the profile's keys, and the CA bundle that the API calls, the data-channel WebSocket and the
 * recording download all trust when the server serves TLS with its own CA.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Option, type Command } from 'commander';
import { SSMClient } from '@aws-sdk/client-ssm';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { awsFiles, readIniSection } from './aws-profile';

export interface ConnectionFlags {
  profile: string;
  endpointUrl?: string;
  region?: string;
  caBundle?: string;
}

export interface Connection {
  ssm: SSMClient;
  endpoint: string;
  /** PEM of the CA to trust besides the system's, when one is configured. */
  ca?: Buffer;
}

/** The options every command that calls the API shares: profile, endpoint, region, CA bundle. */
export function connectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--profile <name>', 'AWS profile with the credentials to sign with').default('bosun').env('AWS_PROFILE'))
    .option('--endpoint-url <url>', "the Bosun server (default: the profile's endpoint_url)")
    .option('--region <region>', "region (default: the profile's region, else us-east-1)")
    .addOption(new Option('--ca-bundle <file>', "PEM CA to trust (default: the profile's ca_bundle)").env('AWS_CA_BUNDLE'));
}

export function connect(flags: ConnectionFlags): Connection {
  const files = awsFiles();
  const creds = readIniSection(files.credentials, flags.profile);
  const config = readIniSection(files.config, flags.profile === 'default' ? 'default' : `profile ${flags.profile}`) ?? {};
  const endpoint = flags.endpointUrl ?? config.endpoint_url;
  if (!endpoint) throw new Error(`no endpoint: pass --endpoint-url or set endpoint_url for profile ${flags.profile}`);
  const region = flags.region ?? config.region ?? 'us-east-1';
  if (!creds?.aws_access_key_id || !creds.aws_secret_access_key) {
    throw new Error(`no credentials for profile ${flags.profile} in ${files.credentials} (run bosun init, or pass --profile)`);
  }
  const credentials = { accessKeyId: creds.aws_access_key_id, secretAccessKey: creds.aws_secret_access_key, sessionToken: creds.aws_session_token };
  // AWS: the CLI and SDKs take a private CA from AWS_CA_BUNDLE or the profile's ca_bundle.
  const caFile = flags.caBundle ?? config.ca_bundle;
  const ca = caFile ? fs.readFileSync(caFile) : undefined;
  const requestHandler = ca ? new NodeHttpHandler({ httpsAgent: new https.Agent({ ca }) }) : undefined;
  return { ssm: new SSMClient({ endpoint, region, credentials, maxAttempts: 2, ...(requestHandler ? { requestHandler } : {}) }), endpoint, ca };
}

/** GETs a URL (a signed recording link; relative ones resolve against the endpoint) as text. */
export function fetchText(connection: Connection, url: string): Promise<string> {
  const target = new URL(url, connection.endpoint);
  const get = target.protocol === 'https:' ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = get(target, target.protocol === 'https:' && connection.ca ? { ca: connection.ca } : {}, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`${target.pathname}: HTTP ${res.statusCode} ${/<Code>(\w+)<\/Code>/.exec(body)?.[1] ?? ''}`.trim()));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** `bosun <command>: <AwsError>: message` on stderr; no stack trace for usage or server errors. */
export function reportError(command: string, err: unknown): void {
  const e = err as Error;
  process.stderr.write(`bosun ${command}: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}\n`);
}

/** `k=v` pairs as StartSession Parameters; a repeated key becomes a list. */
export function parseSessionParameters(pairs: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new Error(`--parameters ${p}: expected key=value`);
    (out[p.slice(0, eq)] ??= []).push(p.slice(eq + 1));
  }
  return out;
}
