import { PolicyError, type ConditionBlock, type Policy, type PolicyVersion, type PrincipalBlock, type Statement } from './types';
import { isKnownOperator } from './conditions/operators';
import { MALFORMED } from './malformed-messages';

/** Identity policies may not name a principal; trust (role) policies must, and may not name resources. */
export type PolicyKind = 'identity' | 'trust';

const STATEMENT_FIELDS = new Set([
  'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition',
]);
const DOCUMENT_FIELDS = new Set(['Version', 'Id', 'Statement']);

/** Parses policy JSON text and validates it as IAM does, throwing PolicyError with IAM's wording. */
export function parsePolicy(text: string, kind: PolicyKind = 'identity'): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PolicyError(MALFORMED.syntax);
  }
  return policyFromDocument(raw, kind);
}

/** The trust-policy flavour of parsePolicy, for a role's AssumeRolePolicyDocument. */
export const parseTrustPolicy = (text: string): Policy => parsePolicy(text, 'trust');

/** Validates an already-parsed document (e.g. one read back from the database). */
export function policyFromDocument(raw: unknown, kind: PolicyKind = 'identity'): Policy {
  if (!isObject(raw)) throw new PolicyError(MALFORMED.syntax);
  for (const key of Object.keys(raw)) if (!DOCUMENT_FIELDS.has(key)) throw new PolicyError(MALFORMED.syntax);
  const version = raw.Version;
  // AWS: only the two published grammar versions exist; anything else fails the legacy parser.
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    throw new PolicyError(MALFORMED.legacyParsing);
  }
  if (raw.Id !== undefined && typeof raw.Id !== 'string') throw new PolicyError(MALFORMED.syntax);
  const rawStatements = raw.Statement;
  if (rawStatements === undefined) throw new PolicyError(MALFORMED.missingField('Statement'));
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (list.length === 0) throw new PolicyError(MALFORMED.syntax);
  const statements = list.map((s) => parseStatement(s, kind));
  const sids = statements.map((s) => s.sid).filter((s): s is string => s !== undefined && s !== '');
  if (new Set(sids).size !== sids.length) throw new PolicyError(MALFORMED.duplicateSid);
  return { version: version as PolicyVersion | undefined, id: raw.Id as string | undefined, statements };
}

function parseStatement(raw: unknown, kind: PolicyKind): Statement {
  if (!isObject(raw)) throw new PolicyError(MALFORMED.syntax);
  for (const key of Object.keys(raw)) if (!STATEMENT_FIELDS.has(key)) throw new PolicyError(MALFORMED.syntax);
  const st: Partial<Statement> = {};
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid !== 'string') throw new PolicyError(MALFORMED.syntax);
    if (!/^[0-9A-Za-z]*$/.test(raw.Sid)) throw new PolicyError(MALFORMED.sidFormat);
    st.sid = raw.Sid;
  }
  if (raw.Effect === undefined) throw new PolicyError(MALFORMED.missingField('Effect'));
  // AWS: Effect is case-sensitive; "allow" is refused.
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') throw new PolicyError(MALFORMED.legacyParsing);
  st.effect = raw.Effect;

  if (kind === 'identity') {
    if (raw.Principal !== undefined || raw.NotPrincipal !== undefined) throw new PolicyError(MALFORMED.principalInIdentity);
  } else {
    if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) throw new PolicyError(MALFORMED.syntax);
    if (raw.Principal === undefined && raw.NotPrincipal === undefined) throw new PolicyError(MALFORMED.missingField('Principal'));
    if (raw.Resource !== undefined) throw new PolicyError(MALFORMED.prohibitedField('Resource'));
    if (raw.NotResource !== undefined) throw new PolicyError(MALFORMED.prohibitedField('NotResource'));
    if (raw.Principal !== undefined) st.principal = principalBlock(raw.Principal);
    if (raw.NotPrincipal !== undefined) st.notPrincipal = principalBlock(raw.NotPrincipal);
  }

  if (raw.Action !== undefined && raw.NotAction !== undefined) throw new PolicyError(MALFORMED.actionAndNotAction);
  if (raw.Action !== undefined) st.action = actions(raw.Action);
  else if (raw.NotAction !== undefined) st.notAction = actions(raw.NotAction);
  else throw new PolicyError(MALFORMED.noActions);

  if (kind === 'identity') {
    if (raw.Resource !== undefined && raw.NotResource !== undefined) throw new PolicyError(MALFORMED.resourceAndNotResource);
    if (raw.Resource !== undefined) st.resource = resources(raw.Resource);
    else if (raw.NotResource !== undefined) st.notResource = resources(raw.NotResource);
    else throw new PolicyError(MALFORMED.noResources);
  }

  if (raw.Condition !== undefined) st.condition = conditionBlock(raw.Condition);
  return st as Statement;
}

/** A string or a non-empty array of strings, as every list element of the grammar allows. */
function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) throw new PolicyError(MALFORMED.syntax);
  return list as string[];
}

function actions(value: unknown): string[] {
  const list = stringList(value);
  if (list.length === 0) throw new PolicyError(MALFORMED.noActions);
  for (const action of list) {
    if (action === '*') continue;
    const colons = action.split(':').length - 1;
    if (colons === 0) throw new PolicyError(MALFORMED.actionVendor);
    if (colons > 1) throw new PolicyError(MALFORMED.actionOneColon);
    if (action.startsWith(':')) throw new PolicyError(MALFORMED.actionVendor);
  }
  return list;
}

function resources(value: unknown): string[] {
  const list = stringList(value);
  if (list.length === 0) throw new PolicyError(MALFORMED.noResources);
  for (const resource of list) {
    if (resource === '*') continue;
    // AWS: a resource is "*" or an ARN with at least the six colon-separated parts.
    if (!resource.startsWith('arn:') || resource.split(':').length < 6) throw new PolicyError(MALFORMED.resourceArn(resource));
  }
  return list;
}

function principalBlock(value: unknown): PrincipalBlock {
  if (value === '*') return { '*': ['*'] };
  if (!isObject(value)) throw new PolicyError(MALFORMED.invalidPrincipal);
  const block: PrincipalBlock = {};
  for (const [type, ids] of Object.entries(value)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) throw new PolicyError(MALFORMED.invalidPrincipal);
    const list = stringList(ids);
    if (list.length === 0) throw new PolicyError(MALFORMED.invalidPrincipal);
    block[type] = list;
  }
  return block;
}

function conditionBlock(value: unknown): ConditionBlock {
  if (!isObject(value)) throw new PolicyError(MALFORMED.syntax);
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isKnownOperator(operator)) throw new PolicyError(MALFORMED.invalidConditionType(operator));
    if (!isObject(keys)) throw new PolicyError(MALFORMED.syntax);
    const entries: Record<string, string[]> = {};
    for (const [key, raw] of Object.entries(keys)) {
      const list = Array.isArray(raw) ? raw : [raw];
      // AWS: condition values may be written as JSON numbers or booleans; IAM compares their text.
      if (!list.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) throw new PolicyError(MALFORMED.syntax);
      entries[key] = list.map(String);
    }
    block[operator] = entries;
  }
  return block;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
