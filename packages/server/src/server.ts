import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { claimSqliteForServer, dialectOf, openDatabase, sqliteFileOf, type Db } from './db/index';
import { createSecretBox, loadOrCreateMasterKey, type SecretBox } from './crypto/secret-box';
import { resolveConfig, type ServerConfig } from './config';
import { createLogger } from './observability/logger';
import { ServerMetrics } from './observability/metrics';
import { OperationRegistry } from './operations/registry';
import type { ServerContext } from './operations/dispatch';
import type { OperationDef } from './operations/types';
import { allJobs, allOperations } from './features/index';
import { startEventDelivery } from './events/index';
import { startScheduler } from './scheduler/index';
import { buildApp } from './http/app';
import { CredentialCache } from './http/credential-cache';
import { KeyLastUsed } from './http/key-last-used';
import { AuditWriter } from './audit/writer';
import { AuditJournal } from './audit/journal';
import { configurePaging } from './operations/paging';
import { setKmsSecrets } from './kms/index';
import { setIdentitySecrets } from './iam/credentials';
import { agentHubOf, type AgentHub } from './agents/index';
import path from 'node:path';
import { attachBlobStore, databaseBlobStore, directoryBlobStore, setBlobPublicUrl } from './blobs/index';
import { startCommandEngine } from './features/commands/index';
import { attachSessions, setSessionPublicUrl } from './sessions/index';
import { serveConsole } from './console/index';

export interface RunningServer {
  app: FastifyInstance;
  context: ServerContext;
  config: ServerConfig;
  /** The base URL clients use, e.g. http://127.0.0.1:7070 */
  url: string;
  /** Connected managed nodes: send them messages, hear theirs (agents/channel-hub.ts). */
  agents: AgentHub;
  close(): Promise<void>;
}

/** Opens the store and the master key: what `bosun init` and `bosun server` both need. */
export async function openStores(config: ServerConfig): Promise<{ db: Db; secrets: SecretBox }> {
  const secrets = createSecretBox(loadOrCreateMasterKey(config.dataDir));
  const db = await openDatabase(config.databaseUrl);
  return { db, secrets };
}

/**
 * What every request shares. Tests that serve one room build it with just that room's
 * operations; the server passes them all.
 */
export function createServerContext(db: Db, secrets: SecretBox, logger: Logger, operations: OperationDef[] = allOperations()): ServerContext {
  configurePaging(secrets.derive('next-token'));
  setKmsSecrets(secrets);
  setIdentitySecrets(secrets);
  return {
    db,
    secrets,
    registry: new OperationRegistry(operations),
    logger,
    metrics: new ServerMetrics(),
    auditKey: secrets.derive('audit-chain'),
    credentials: new CredentialCache(),
    keyLastUsed: new KeyLastUsed(db, (err) => logger.warn({ err }, 'could not record when an access key was last used')),
    audit: new AuditWriter(db, secrets.derive('audit-chain'), logger.child({ component: 'audit' })),
  };
}

export async function startServer(partial: Partial<ServerConfig> = {}, logger?: Logger): Promise<RunningServer> {
  const config = resolveConfig(partial);
  const log = logger ?? createLogger(config.logLevel);
  const { db, secrets } = await openStores(config);
  let claim: { release(): void } | undefined;
  try {
    claim = claimSqliteForServer(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const context = createServerContext(db, secrets, log);
  // One server owns a SQLite database, so it can chain audit records itself and journal them
  // (audit/journal.ts); PostgreSQL replicas append under the chain head's row lock instead.
  const sqliteFile = claim ? sqliteFileOf(db) : undefined;
  if (sqliteFile) {
    try {
      context.audit.useJournal(await AuditJournal.open(db, sqliteFile, path.join(config.dataDir, 'audit-journal'), context.auditKey, log.child({ component: 'audit' })));
    } catch (error) {
      await db.destroy();
      claim?.release();
      throw error;
    }
  }
  // Full command output (and later recordings) live beside the database, in the data dir.
  // On PostgreSQL in the database, so every replica serves what any replica wrote; blobs an
  // earlier version left in the data directory are still read from there.
  const blobDir = directoryBlobStore(path.join(config.dataDir, 'blobs'));
  attachBlobStore(db, dialectOf(db) === 'postgres' ? databaseBlobStore(db, blobDir) : blobDir, secrets.derive('blob-urls'));
  const app = buildApp(context, { trustProxy: config.trustProxy, tls: config.tls });
  // The web console at /console/ and its sign-in (console/).
  serveConsole(app, context, { region: config.defaultRegion });
  const agents = agentHubOf(app);
  agents.startSweeper();
  // Session Manager data channels (/v1/data-channel/<id>, /agent/v1/session/<id>); sessions a previous run left live end now.
  const sessions = attachSessions(app, context, agents, { trustProxy: config.trustProxy });
  await app.listen({ host: config.host, port: config.port });
  // Every replica delivers webhooks (claims are shared through the database); one runs the scheduler.
  const delivery = startEventDelivery({ db, secrets, logger: log.child({ component: 'event-delivery' }) });
  const scheduler = startScheduler({ db, logger: log.child({ component: 'scheduler' }), jobs: allJobs() });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  setBlobPublicUrl(db, url);
  setSessionPublicUrl(db, url);
  // Other replicas relay sessions here through this URL; the ones this replica left live end now.
  await sessions.setReplicaUrl(config.advertiseUrl ?? url);
  await sessions.recover();
  const commands = startCommandEngine(context, agents);
  log.info({ url, database: redactUrl(config.databaseUrl), dataDir: config.dataDir }, 'bosun server listening');
  return {
    app,
    context,
    config,
    url,
    agents,
    async close() {
      await commands.stop();
      await sessions.close();
      await agents.close();
      await app.close();
      await Promise.all([delivery.stop(), scheduler.stop()]);
      await context.audit.close();
      await db.destroy();
      claim?.release();
    },
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
