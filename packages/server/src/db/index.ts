import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema';
import { migrateToLatest } from './migrate';
import { ReadCache } from './read-cache';

export type { Database } from './schema';
export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

/** Which engine a Kysely instance talks to; set once when the database is opened. */
const dialects = new WeakMap<object, DialectName>();

export function dialectOf(db: Kysely<any>): DialectName {
  return dialects.get(db) ?? 'sqlite';
}

/** The statement cache of each SQLite database openDatabase made, for readIdleCached. */
const sqliteHandles = new WeakMap<object, ReturnType<typeof withStatementCache>>();

/**
 * A hot read whose answer rarely changes (GetParameter's current version), on SQLite, without
 * Kysely's query executor (connection mutex, plugins, result mapping: a visible share of a hot
 * one-row read): the rows come from the connection's ReadCache (read-cache.ts) until a write
 * names one of `tables`, which must list every table `sqlText` reads, or another process commits
 * to the file; otherwise from the connection's statement cache. Rows are frozen and shared.
 * Only when `db` is a database openDatabase opened on SQLite (not a transaction object) and no
 * transaction is open on the connection, so the read cannot see another caller's uncommitted
 * writes; otherwise, and on PostgreSQL, it returns undefined and the caller uses Kysely.
 * `sqlText` uses `?` placeholders.
 */
export function readIdleCached<Row>(db: Kysely<any>, tables: readonly string[], sqlText: string, params: unknown[]): readonly Row[] | undefined {
  const handle = sqliteHandles.get(db);
  if (!handle || handle.inTransaction()) return undefined;
  return handle.reads.get(tables, sqlText, params, () => handle.prepare(sqlText).all(params)) as readonly Row[];
}

/** The file of each SQLite database openDatabase opened (absolute); none for PostgreSQL and `:memory:`. */
const sqliteFiles = new WeakMap<object, string>();

/** The absolute file of a SQLite database openDatabase opened; undefined for PostgreSQL and `:memory:`. */
export function sqliteFileOf(db: Kysely<any>): string | undefined {
  return sqliteFiles.get(db);
}

/**
 * Claims a SQLite database for this server process until `release()` (or the process's end: the
 * claim is an operating-system lock the kernel drops with the process, so a crash leaves nothing
 * to clean up). A SQLite database serves one server: a second server on the same file would
 * relay sessions the first cannot see, and the read cache (read-cache.ts) relies on no other
 * process writing what it caches. Refused with a plain error when another server holds it.
 * Undefined (nothing to claim) for PostgreSQL, where replicas share the database, and `:memory:`.
 * The lock is SQLite's own exclusive lock on a small file beside the database, `<file>.server-lock`.
 */
export function claimSqliteForServer(db: Kysely<any>): { release(): void } | undefined {
  const file = sqliteFiles.get(db);
  if (file === undefined) return undefined;
  const lock = new SQLite(`${file}.server-lock`, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('begin exclusive');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(`another Bosun server is using ${file}: a SQLite database serves one server process (run several servers on PostgreSQL)`);
    }
    throw error;
  }
  return {
    release() {
      if (lock.open) lock.close();
    },
  };
}

/**
 * The one place that chooses the database engine.
 * `url` is `postgres://…` / `postgresql://…` (optionally `?schema=name`), or a SQLite file path
 * (`sqlite:/path/bosun.db` or a bare path; `:memory:` for throwaway stores).
 */
export async function openDatabase(url: string, options: { migrate?: boolean } = {}): Promise<Db> {
  let db: Db;
  let dialect: DialectName;
  let schemaName: string | undefined;
  if (/^postgres(ql)?:\/\//.test(url)) {
    dialect = 'postgres';
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    schemaName = schema ?? undefined;
    parsed.searchParams.delete('schema');
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const pool = new pg.Pool({
      connectionString: parsed.toString(),
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // A connection that drops while checked out (the scheduler holds one for its lock) must not
    // crash the process: its holder sees the failed query; the pool replaces the connection.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    if (schema) {
      const client = await pool.connect();
      try { await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`); } finally { client.release(); }
    }
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    const file = url.replace(/^sqlite:(\/\/)?/, '');
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const handle = new SQLite(file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    const cached = withStatementCache(handle, file === ':memory:' ? undefined : path.resolve(file));
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
    sqliteHandles.set(db, cached);
    if (file !== ':memory:') sqliteFiles.set(db, path.resolve(file));
  }
  dialects.set(db, dialect);
  if (options.migrate !== false) await migrateToLatest(db, schemaName);
  return db;
}

/**
 * Kysely prepares every query afresh; better-sqlite3 lets a prepared statement be reused, and
 * preparing was a tenth of a GetParameter's server time. The queries a server runs are few
 * distinct SQL texts, so a small LRU of statements keyed by text covers them. (Reuse is safe:
 * Kysely runs one query at a time on the connection and nothing here iterates a statement.)
 *
 * Kysely opens transactions with a plain (deferred) `begin`. Another connection writes to the
 * same file (`bosun init` and other commands run beside the server), and
 * a deferred transaction that has read and then writes after that connection committed fails at
 * once with SQLITE_BUSY (its snapshot is stale; busy_timeout does not apply). `begin immediate`
 * takes the write lock first, waiting on busy_timeout, so its reads are current when it writes.
 */
function withStatementCache(handle: SQLite.Database, file: string | undefined, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  const reads = new ReadCache(file);
  return {
    reads,
    prepare(sql: string): SQLite.Statement {
      reads.noteStatement(sql);
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = handle.prepare(sql === 'begin' ? 'begin immediate' : sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
    inTransaction(): boolean {
      return handle.inTransaction;
    },
    close(): void {
      handle.close();
    },
  };
}

/** Drops a PostgreSQL schema made for a test run. */
export async function dropSchema(db: Kysely<any>, schema: string): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
}
