import { CompiledQuery, type Kysely } from 'kysely';

/**
 * Whether `db` (a database or a transaction on one; dialectOf knows only the former) speaks
 * PostgreSQL, whose placeholders are $1… where SQLite's are ?. Found once per object.
 */
const engines = new WeakMap<object, boolean>();
export function isPostgres(db: Kysely<any>): boolean {
  let postgres = engines.get(db);
  if (postgres === undefined) {
    postgres = db.selectFrom('x').select('y').where('y', '=', '').compile().sql.includes('$1');
    engines.set(db, postgres);
  }
  return postgres;
}

/**
 * One multi-row INSERT as plain SQL text with bind parameters, skipping Kysely's query builder:
 * for a batch of audit records the builder visited and froze hundreds of value nodes per write,
 * a tenth of the server's time under load. The SQL depends only on the table, the columns and the
 * row count, so the SQLite statement cache (db/index.ts) reuses it across batches of one size.
 */
export async function insertRows<Row extends object>(
  db: Kysely<any>,
  postgres: boolean,
  table: string,
  columns: ReadonlyArray<keyof Row & string>,
  rows: readonly Row[],
): Promise<void> {
  await insertValues(db, postgres, table, columns, rows.map((row) => columns.map((column) => (row as Record<string, unknown>)[column] ?? null)));
}

/** insertRows for rows already as arrays of values, in `columns`' order (undefined stored as NULL). */
export async function insertValues(
  db: Kysely<any>,
  postgres: boolean,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const marks: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      params.push(row[i] ?? null);
      marks.push(postgres ? `$${params.length}` : '?');
    }
    tuples.push(`(${marks.join(', ')})`);
  }
  const names = columns.map((c) => `"${c}"`).join(', ');
  await db.executeQuery(CompiledQuery.raw(`insert into "${table}" (${names}) values ${tuples.join(', ')}`, params));
}
