import { Command } from 'commander';
import { operationNames } from '@bosun/protocol';
import { OperationRegistry, allOperations } from '@bosun/server';

/** Prints implemented/total operations per modeled service. */
export function opsCommand(): Command {
  const ops = new Command('ops').description('about the API surface');
  ops.addCommand(
    new Command('coverage')
      .description('print implemented/total operations per service')
      .option('--missing', 'also list the operations not implemented yet')
      .action((flags: { missing?: boolean }) => {
        const registry = new OperationRegistry(allOperations());
        for (const service of ['ssm', 'kms', 'iam', 'sts'] as const) {
          const modeled = operationNames(service);
          const done = new Set(registry.implemented(service));
          const implemented = modeled.filter((name: string) => done.has(name));
          process.stdout.write(`${service.padEnd(4)} ${implemented.length}/${modeled.length} operations implemented\n`);
          if (flags.missing) {
            for (const name of modeled) if (!done.has(name)) process.stdout.write(`       missing: ${name}\n`);
          }
        }
      }),
  );
  return ops;
}
