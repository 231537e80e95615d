/**
 * Shorthand for the authorisation matrix: each case is one line a reader can check by eye.
 *   c('name', [p(allow('ssm:Get*', PARAM))], 'ssm:GetParameter', PARAM, {}, 'Allow')
 * Documents are plain JSON objects, as they are stored, so every case also exercises parsing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, type Decision } from '../evaluate';
import type { ConditionContext } from '../context-lookup';

type Doc = Record<string, unknown>;
type Cond = Record<string, Record<string, unknown>>;

export const ACCOUNT = '123456789012';
export const PARAM = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/db/password`;
export const DOC = `arn:aws:ssm:us-east-1:${ACCOUNT}:document/Deploy`;
export const NODE = `arn:aws:ssm:us-east-1:${ACCOUNT}:managed-instance/mi-0123456789abcdef0`;

const statement = (Effect: string, Action: string | string[], Resource: string | string[], Condition?: Cond) =>
  ({ Effect, Action, Resource, ...(Condition ? { Condition } : {}) });

export const allow = (action: string | string[], resource: string | string[] = '*', condition?: Cond) =>
  statement('Allow', action, resource, condition);
export const deny = (action: string | string[], resource: string | string[] = '*', condition?: Cond) =>
  statement('Deny', action, resource, condition);
/** A statement written out in full, for NotAction / NotResource. */
export const raw = (s: Doc) => s;

/** A Version 2012-10-17 policy. */
export const p = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
/** A Version 2008-10-17 policy: policy variables are literal text there. */
export const p08 = (...Statement: Doc[]): Doc => ({ Version: '2008-10-17', Statement });
/** One condition operator with one key. */
export const when = (operator: string, key: string, values: unknown): Cond => ({ [operator]: { [key]: values } });

export interface Case {
  name: string;
  policies: Doc[];
  action: string;
  resource: string;
  context: ConditionContext;
  expect: Decision;
}

export const c = (name: string, policies: Doc[], action: string, resource: string, context: ConditionContext, expect: Decision): Case =>
  ({ name, policies, action, resource, context, expect });

/** Runs one table; the test title states the expectation so a failure reads as a sentence. */
export function runMatrix(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const t of cases) {
      it(`${t.name} → ${t.expect}`, () => {
        const { decision } = evaluate(t.policies, { action: t.action, resource: t.resource, context: t.context });
        assert.equal(decision, t.expect);
      });
    }
  });
}
