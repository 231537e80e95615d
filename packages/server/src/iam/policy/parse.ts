import { PolicyError, type ConditionBlock, type Policy, type PolicyVersion, type PrincipalBlock, type Statement } from './types';
import { parseOperator } from './conditions/operators';
import { checkLegacy, checkStatementValues } from './validate-values';
import { MALFORMED } from './malformed-messages';

/** Identity policies may not name a principal; trust (role) policies must, and may not name resources. */
export type PolicyKind = 'identity' | 'trust';

export interface ParseOptions {
  kind?: PolicyKind;
  /** Managed policies (CreatePolicy/CreatePolicyVersion) must say Version 2012-10-17. */
  managed?: boolean;
}

const STATEMENT_FIELDS = new Set([
  'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition',
]);
const DOCUMENT_FIELDS = new Set(['Version', 'Id', 'Statement']);

/**
 * Parses policy JSON text and validates it as IAM does, throwing PolicyError with IAM's wording.
 * AWS checks in passes (grammar, version, Sids, required elements, values), so a document with
 * several faults reports the one from the earliest pass; the order below copies that.
 */
export function parsePolicy(text: string, options: ParseOptions = {}): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PolicyError(MALFORMED.syntax);
  }
  return policyFromDocument(raw, options);
}

/** The trust-policy flavour of parsePolicy, for a role's AssumeRolePolicyDocument. */
export const parseTrustPolicy = (text: string): Policy => parsePolicy(text, { kind: 'trust' });

/** Validates an already-parsed document (e.g. one read back from the database). */
export function policyFromDocument(raw: unknown, options: ParseOptions | PolicyKind = {}): Policy {
  const { kind = 'identity', managed = false } = typeof options === 'string' ? { kind: options } : options;
  const policy = grammar(raw);
  if (managed && policy.version !== '2012-10-17') throw new PolicyError(MALFORMED.versionTooOld);
  for (const st of policy.statements) checkLegacy(st);
  const sids = policy.statements.map((s) => s.sid).filter((s): s is string => s !== undefined && s !== '');
  if (new Set(sids).size !== sids.length) throw new PolicyError(MALFORMED.duplicateSid);
  for (const st of policy.statements) checkRequiredElements(st, kind);
  for (const st of policy.statements) checkStatementValues(st, kind);
  return policy;
}

/** Pass 1: the JSON grammar. Every fault here is "Syntax errors in policy." */
function grammar(raw: unknown): Policy {
  if (!isObject(raw)) throw syntax();
  for (const key of Object.keys(raw)) if (!DOCUMENT_FIELDS.has(key)) throw syntax();
  const { Version: version, Id: id, Statement: rawStatements } = raw;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') throw syntax();
  if (id !== undefined && typeof id !== 'string') throw syntax();
  if (rawStatements === undefined) throw syntax();
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (list.length === 0) throw syntax();
  return { version: version as PolicyVersion | undefined, id: id as string | undefined, statements: list.map(statementGrammar) };
}

function statementGrammar(raw: unknown): Statement {
  if (!isObject(raw)) throw syntax();
  for (const key of Object.keys(raw)) if (!STATEMENT_FIELDS.has(key)) throw syntax();
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') throw syntax();
  // AWS: "allow" passes the grammar (and fails later, in legacy parsing); "Permit" does not.
  if (typeof raw.Effect !== 'string' || !['allow', 'deny'].includes(raw.Effect.toLowerCase())) throw syntax();
  if (raw.Action !== undefined && raw.NotAction !== undefined) throw syntax();
  if (raw.Resource !== undefined && raw.NotResource !== undefined) throw syntax();
  if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) throw syntax();
  const st: Statement = { effect: raw.Effect as Statement['effect'] };
  if (raw.Sid !== undefined) st.sid = raw.Sid as string;
  if (raw.Action !== undefined) st.action = stringList(raw.Action);
  if (raw.NotAction !== undefined) st.notAction = stringList(raw.NotAction);
  if (raw.Resource !== undefined) st.resource = stringList(raw.Resource);
  if (raw.NotResource !== undefined) st.notResource = stringList(raw.NotResource);
  if (raw.Principal !== undefined) st.principal = principalBlock(raw.Principal);
  if (raw.NotPrincipal !== undefined) st.notPrincipal = principalBlock(raw.NotPrincipal);
  if (raw.Condition !== undefined) st.condition = conditionBlock(raw.Condition);
  return st;
}

/** Pass 3: the elements each kind of policy must (and must not) have. */
function checkRequiredElements(st: Statement, kind: PolicyKind): void {
  if (kind === 'identity' && (st.principal || st.notPrincipal)) throw new PolicyError(MALFORMED.principalInIdentity);
  if (kind === 'trust') {
    if (st.resource) throw new PolicyError(MALFORMED.prohibitedField('Resource'));
    if (st.notResource) throw new PolicyError(MALFORMED.prohibitedField('NotResource'));
    if (!st.principal && !st.notPrincipal) throw new PolicyError(MALFORMED.missingField('Principal'));
  }
  if ((st.action ?? st.notAction ?? []).length === 0) throw new PolicyError(MALFORMED.noActions);
  if (kind === 'identity' && (st.resource ?? st.notResource ?? []).length === 0) throw new PolicyError(MALFORMED.noResources);
}

/** A string or an array of strings, as every list element of the grammar allows. */
function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) throw syntax();
  return list as string[];
}

function principalBlock(value: unknown): PrincipalBlock {
  if (value === '*') return { AWS: ['*'] };
  if (!isObject(value)) throw syntax();
  const block: PrincipalBlock = {};
  for (const [type, ids] of Object.entries(value)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) throw syntax();
    block[type] = stringList(ids);
  }
  return block;
}

function conditionBlock(value: unknown): ConditionBlock {
  if (!isObject(value)) throw syntax();
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!parseOperator(operator) || !isObject(keys)) throw syntax();
    const entries: Record<string, string[]> = {};
    for (const [key, raw] of Object.entries(keys)) {
      const list = Array.isArray(raw) ? raw : [raw];
      // AWS: condition values may be written as JSON numbers or booleans; IAM compares their text.
      if (!list.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) throw syntax();
      entries[key] = list.map(String);
    }
    block[operator] = entries;
  }
  return block;
}

const syntax = () => new PolicyError(MALFORMED.syntax);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
