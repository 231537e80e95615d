/**
 * The committed contract must be exactly what the generator makes from the committed
 * models, and the models exactly a fresh strip of ../shared/aws-models (when present).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderService } from '../scripts/codegen/render-service';
import { SERVICES, stripModelText } from '../scripts/strip-model';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(pkg, '../../../shared/aws-models');

describe('generated contract', () => {
  for (const svc of SERVICES) {
    it(`src/generated/${svc}/ matches a fresh generation from models/${svc}.json`, () => {
      const files = renderService(svc, fs.readFileSync(path.join(pkg, 'models', `${svc}.json`), 'utf8'));
      const dir = path.join(pkg, 'src', 'generated', svc);
      assert.deepEqual(fs.readdirSync(dir).sort(), Object.keys(files).sort(), 'unexpected or missing generated files');
      for (const [name, text] of Object.entries(files)) {
        const committed = fs.readFileSync(path.join(dir, name), 'utf8');
        assert.ok(committed === text, `src/generated/${svc}/${name} drifted: run npm run generate -w @bosun/protocol`);
      }
    });

    it(`models/${svc}.json is the stripped ../shared/aws-models/${svc}/service-2.json`, (t) => {
      const source = path.join(shared, svc, 'service-2.json');
      if (!fs.existsSync(source)) {
        t.skip(`skipped: ${source} does not exist on this machine`);
        return;
      }
      const fresh = stripModelText(fs.readFileSync(source, 'utf8'));
      const committed = fs.readFileSync(path.join(pkg, 'models', `${svc}.json`), 'utf8');
      assert.ok(committed === fresh, `models/${svc}.json drifted: run scripts/import-models.ts`);
    });
  }

  it('generation is deterministic', () => {
    const text = fs.readFileSync(path.join(pkg, 'models', 'sts.json'), 'utf8');
    assert.deepEqual(renderService('sts', text), renderService('sts', text));
  });

  it('a change to the model shows up in the generated files', () => {
    const model = JSON.parse(fs.readFileSync(path.join(pkg, 'models', 'sts.json'), 'utf8'));
    const before = renderService('sts', JSON.stringify(model));
    model.shapes.roleSessionNameType.max = 65;
    const after = renderService('sts', JSON.stringify(model));
    assert.notEqual(after['shapes.ts'], before['shapes.ts']);
    assert.match(after['shapes.ts'], /"roleSessionNameType": \{"type":"string","min":2,"max":65/);
  });
});
