/**
 * Every operation of every service: a minimal valid request passes, and for each member a
 * wrong JSON type, an oversize value, a bad enum and a missing required member each come
 * back as a ProtocolError (never a crash or another error type).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceId, ShapeTable } from './contract';
import { contracts } from './contracts';
import { ProtocolError } from './protocol-error';
import { minimalValue } from './testing/sample-input';
import { validateInput } from './validate';

type Wrap = (value: unknown) => unknown;
interface Case { label: string; body: unknown; code: string }

const MAX_DEPTH = 4;

function wrongType(shapes: ShapeTable, name: string): unknown {
  const type = shapes[name].type;
  if (type === 'string' || type === 'blob') return 12;
  if (type === 'boolean' || type === 'timestamp') return { not: 'scalar' };
  return type === 'list' ? 'not-a-list' : true;
}

/** Mutations of each member of `struct`, each wrapped back into a whole request. */
function cases(shapes: ShapeTable, struct: string, wrap: Wrap, path: string, depth: number, out: Case[], query: boolean): void {
  const shape = shapes[struct];
  if (shape.type !== 'structure' || depth > MAX_DEPTH) return;
  const base = minimalValue(shapes, struct) as Record<string, unknown>;
  const invalid = query ? 'ValidationError' : 'ValidationException';
  for (const [member, target] of Object.entries(shape.members)) {
    const at = (v: unknown): unknown => wrap({ ...base, [member]: v });
    const here = `${path}.${member}`;
    const t = shapes[target];
    out.push({ label: `${here}: wrong type`, body: at(wrongType(shapes, target)), code: query ? invalid : 'SerializationException' });
    if (t.type === 'string' && t.max !== undefined) {
      out.push({ label: `${here}: too long`, body: at('a'.repeat(t.max + 1)), code: invalid });
    }
    if (t.type === 'list' && t.max !== undefined) {
      const element = minimalValue(shapes, t.member);
      out.push({ label: `${here}: too many`, body: at(Array(t.max + 1).fill(element)), code: invalid });
    }
    if (t.type === 'string' && t.enum) out.push({ label: `${here}: bad enum`, body: at('NotInTheEnum#'), code: invalid });
    if (!shape.union && shape.required?.includes(member)) {
      const { [member]: _dropped, ...rest } = base;
      out.push({ label: `${here}: missing`, body: wrap(rest), code: invalid });
    }
    if (t.type === 'structure') cases(shapes, target, at, here, depth + 1, out, query);
    if (t.type === 'list' && shapes[t.member].type === 'structure') {
      cases(shapes, t.member, (v) => at([v]), `${here}[0]`, depth + 1, out, query);
    }
  }
}

for (const service of Object.keys(contracts) as ServiceId[]) {
  const contract = contracts[service];
  const query = contract.protocol === 'query';
  describe(`every ${service} operation`, () => {
    for (const [operation, spec] of Object.entries(contract.operations)) {
      it(`${operation}: a minimal request validates; every broken member is a ProtocolError`, () => {
        const minimal = spec.input ? minimalValue(contract.shapes, spec.input) : {};
        assert.doesNotThrow(() => validateInput(service, operation, JSON.stringify(minimal), { protocol: 'json' }));
        if (!spec.input) return;
        const all: Case[] = [];
        cases(contract.shapes, spec.input, (v) => v, operation, 0, all, query);
        for (const c of all) {
          let thrown: unknown;
          try {
            validateInput(service, operation, c.body);
          } catch (e) {
            thrown = e;
          }
          assert.ok(thrown instanceof ProtocolError, `${c.label}: expected a ProtocolError, got ${String(thrown)}`);
          assert.equal(thrown.code, c.code, `${c.label}: ${thrown.message}`);
        }
      });
    }
  });
}
