import { Option, type Command } from 'commander';

/** The flags every command that opens the store shares. */
export function storeOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--data-dir <dir>', 'data directory (master key, SQLite file, blobs)').env('BOSUN_DATA_DIR'))
    .addOption(new Option('--database <url>', 'postgres://… or a SQLite file (default: <data-dir>/bosun.db)').env('BOSUN_DATABASE_URL'));
}
