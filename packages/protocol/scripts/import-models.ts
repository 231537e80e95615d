/**
 * Copies the AWS models from ../shared/aws-models into models/, prose stripped.
 * Run: npx tsx packages/protocol/scripts/import-models.ts [path-to-aws-models]
 * Prints which files changed; running it on an up-to-date tree changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES, stripModelText } from './strip-model';

const here = path.dirname(fileURLToPath(import.meta.url));
const modelsDir = path.resolve(here, '../models');
const sourceDir = path.resolve(process.argv[2] ?? path.resolve(here, '../../../../shared/aws-models'));

function writeIfChanged(file: string, text: string): boolean {
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (before === text) return false;
  fs.writeFileSync(file, text);
  return true;
}

if (!fs.existsSync(sourceDir)) {
  console.error(`no AWS models at ${sourceDir}`);
  process.exit(1);
}
let changed = 0;
for (const svc of SERVICES) {
  const service = fs.readFileSync(path.join(sourceDir, svc, 'service-2.json'), 'utf8');
  const paginators = fs.readFileSync(path.join(sourceDir, svc, 'paginators-1.json'), 'utf8');
  const outputs: Array<[string, string]> = [
    [`${svc}.json`, stripModelText(service)],
    [`${svc}.paginators.json`, paginators],
  ];
  for (const [name, text] of outputs) {
    if (writeIfChanged(path.join(modelsDir, name), text)) {
      changed++;
      console.log(`updated models/${name}`);
    }
  }
}
if (writeIfChanged(path.join(modelsDir, 'LICENSE.txt'), fs.readFileSync(path.join(sourceDir, 'LICENSE.txt'), 'utf8'))) changed++;
console.log(changed === 0 ? 'models are up to date' : `${changed} file(s) updated`);
