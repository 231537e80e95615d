/**
 * Writes src/generated/<svc>/ from models/<svc>.json for every service.
 * Run: npm run generate -w @bosun/protocol. Output is deterministic; CI compares it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderService } from './codegen/render-service';
import { SERVICES } from './strip-model';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

for (const svc of SERVICES) {
  const files = renderService(svc, fs.readFileSync(path.join(root, 'models', `${svc}.json`), 'utf8'));
  const dir = path.join(root, 'src', 'generated', svc);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
    fs.writeFileSync(file, text);
    console.log(`wrote src/generated/${svc}/${name}`);
  }
}
