/**
 * Results of hot reads on one SQLite connection, kept until something could have changed them:
 * a write through any connection this process has to the same file that names one of the tables
 * the read declared. Writes that name none of a read's tables (the audit log's appends, which
 * every call makes) leave it alone — that is what makes the cache worth having on a busy server.
 *
 * Other processes: a SQLite database serves one Bosun server process, which holds the file's
 * server lock (`claimSqliteForServer`, db/index.ts) for as long as it runs, so no other server
 * writes the file; the `bosun` commands that open it beside a server (`init`, `audit verify`)
 * never write the tables reads are cached for. Asking SQLite on every read whether another
 * connection had committed (`PRAGMA data_version`) cost as much as the read itself on this VM
 * (two lock system calls), 5–9% of a GetParameter.
 *
 * A write is any statement that is not a plain `select`; it counts against every declared table
 * its SQL names as a whole identifier, whether as its target or anywhere else (over-counting
 * only costs a re-read). The schema has no triggers and no cascading foreign keys, so a write
 * changes only the tables it names. A write counts when it is prepared, before it runs: a
 * transaction that rolls back has still emptied the entries it might have changed.
 *
 * Only for reads outside a transaction (db/index.ts readIdleCached), so an entry never holds
 * another caller's uncommitted rows. Rows are frozen: callers share them.
 */
export class ReadCache {
  /** By statement text (constant strings, so their hash is computed once), then by parameters. */
  private readonly entries = new Map<string, Map<string, { stamp: number[]; rows: readonly unknown[] }>>();
  private size = 0;
  private readonly tables: TableGenerations;

  /** `file`: the database file (absolute), shared by this process's connections to it; undefined for `:memory:`. */
  constructor(file: string | undefined, private readonly maxEntries = 5000) {
    this.tables = file === undefined ? new TableGenerations() : TableGenerations.of(file);
  }

  /** Called with the text of every statement about to run on the connection. */
  noteStatement(sqlText: string): void {
    this.tables.noteStatement(sqlText);
  }

  /** The cached rows of `sqlText` with `params`, or `read()`'s, kept for next time. */
  get(tables: readonly string[], sqlText: string, params: readonly unknown[], read: () => unknown[]): readonly unknown[] {
    const key = JSON.stringify(params);
    let bySql = this.entries.get(sqlText);
    const hit = bySql?.get(key);
    if (hit && this.tables.current(tables, hit.stamp)) return hit.rows;
    this.tables.declare(tables);
    const rows = Object.freeze(read().map((r) => Object.freeze(r)));
    if (this.size >= this.maxEntries) this.evictOldest();
    if (bySql === undefined || !this.entries.has(sqlText)) {
      bySql = new Map();
      this.entries.set(sqlText, bySql);
    }
    if (!bySql.has(key)) this.size += 1;
    bySql.set(key, { stamp: this.tables.stamp(tables), rows });
    return rows;
  }

  /** Drops the oldest entry of the statement cached first (Maps keep insertion order). */
  private evictOldest(): void {
    const first = this.entries.entries().next();
    if (first.done) return;
    const [sqlText, bySql] = first.value;
    const oldest = bySql.keys().next();
    if (!oldest.done) {
      bySql.delete(oldest.value);
      this.size -= 1;
    }
    if (bySql.size === 0) this.entries.delete(sqlText);
  }
}

/** How many writes each declared table has seen, for every connection this process has to one file. */
class TableGenerations {
  private static readonly byFile = new Map<string, TableGenerations>();

  static of(file: string): TableGenerations {
    let shared = TableGenerations.byFile.get(file);
    if (!shared) {
      shared = new TableGenerations();
      TableGenerations.byFile.set(file, shared);
    }
    return shared;
  }

  private readonly generations = new Map<string, number>();
  /** Per SQL text: the declared tables it writes (empty for a select); cleared when a table is declared. */
  private readonly writes = new Map<string, string[]>();

  noteStatement(sqlText: string): void {
    let tables = this.writes.get(sqlText);
    if (tables === undefined) {
      tables = /^\s*select\b/i.test(sqlText) ? [] : [...this.generations.keys()].filter((t) => namesIdentifier(sqlText, t));
      // Bounded like the statement cache: texts that vary (IN lists, multi-row inserts) are classified again.
      if (this.writes.size >= 5000) this.writes.clear();
      this.writes.set(sqlText, tables);
    }
    for (const t of tables) this.generations.set(t, (this.generations.get(t) ?? 0) + 1);
  }

  declare(tables: readonly string[]): void {
    for (const t of tables) {
      if (!this.generations.has(t)) {
        this.generations.set(t, 0);
        this.writes.clear(); // statements classified before this table was known are looked at again
      }
    }
  }

  stamp(tables: readonly string[]): number[] {
    return tables.map((t) => this.generations.get(t) ?? 0);
  }

  current(tables: readonly string[], stamp: number[]): boolean {
    for (let i = 0; i < tables.length; i++) if (this.generations.get(tables[i]) !== stamp[i]) return false;
    return true;
  }
}

function namesIdentifier(sqlText: string, name: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_$])${name}(?![A-Za-z0-9_$])`, 'i').test(sqlText);
}
