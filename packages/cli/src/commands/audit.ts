import { Command } from 'commander';
import { openStores, resolveConfig } from '@bosun/server';
import { verifyAuditChain } from '@bosun/server/audit/index';
import { storeOptions } from '../store-options';

export function auditCommand(): Command {
  const audit = new Command('audit').description('the audit log');
  audit.addCommand(
    storeOptions(new Command('verify').description('check the audit log hash chain; exit 1 if any record was edited, removed or reordered')).action(
      async (flags: { dataDir?: string; database?: string }) => {
        const config = resolveConfig({ dataDir: flags.dataDir, databaseUrl: flags.database });
        const { db, secrets } = await openStores(config);
        try {
          const result = await verifyAuditChain(db, secrets.derive('audit-chain'));
          if (result.ok) {
            process.stdout.write(`audit log intact: ${result.checked} records verified\n`);
          } else {
            process.stdout.write(`audit log TAMPERED: ${result.problems.length} problem(s) in ${result.checked} records\n`);
            for (const p of result.problems) process.stdout.write(`  record ${p.seq}: ${p.problem}\n`);
            process.exitCode = 1;
          }
        } finally {
          await db.destroy();
        }
      },
    ),
  );
  return audit;
}
