import { PolicyError, type Statement } from './types';
import { MALFORMED } from './malformed-messages';
import { parseOperator } from './conditions/operators';
import { isValidDate, isValidNumber } from './conditions/compare';
import type { PolicyKind } from './parse';

/**
 * The value checks IAM runs after the grammar. Two passes, in AWS's order: the "legacy parser"
 * (which runs before Sid and required-element checks), then the checks of each element's values.
 */

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc', '*']);

const legacy = () => new PolicyError(MALFORMED.legacyParsing);

/** Pass 2: what the legacy parser refuses. */
export function checkLegacy(st: Statement): void {
  // AWS: Effect is case-sensitive; "allow" passes the grammar but fails here.
  if (st.effect !== 'Allow' && st.effect !== 'Deny') throw legacy();
  for (const resource of [...(st.resource ?? []), ...(st.notResource ?? [])]) {
    if (!resource.startsWith('arn:')) continue;
    const parts = resource.split(':');
    // AWS: "arn:aws:s3::bucket" (five parts) and an empty service fail here, while the
    // three-part "arn:aws:thing" is accepted.
    if (parts.length === 5 || (parts.length >= 3 && parts[2] === '')) throw legacy();
  }
  for (const [written, keys] of Object.entries(st.condition ?? {})) {
    const base = parseOperator(written)?.base ?? '';
    const check = base.startsWith('Date') ? isValidDate : base.startsWith('Numeric') ? isValidNumber : undefined;
    if (!check) continue;
    for (const values of Object.values(keys)) {
      for (const value of values) if (!value.includes('${') && !check(value)) throw legacy();
    }
  }
}

/** Pass 4: the values of Action, Resource and Principal. */
export function checkStatementValues(st: Statement, kind: PolicyKind): void {
  for (const action of st.action ?? st.notAction ?? []) checkAction(action);
  for (const resource of st.resource ?? st.notResource ?? []) checkResource(resource);
  if (kind === 'trust') for (const block of [st.principal, st.notPrincipal]) {
    for (const [type, ids] of Object.entries(block ?? {})) for (const id of ids) checkPrincipal(type, id);
  }
}

function checkAction(action: string): void {
  if (action === '*') return;
  const colons = action.split(':').length - 1;
  if (colons === 0) throw new PolicyError(MALFORMED.actionVendor);
  if (colons > 1) throw new PolicyError(MALFORMED.actionOneColon);
  const vendor = action.slice(0, action.indexOf(':'));
  if (vendor === '') throw new PolicyError(MALFORMED.actionVendor);
  if (!/^[A-Za-z0-9*?_-]+$/.test(vendor)) throw new PolicyError(MALFORMED.vendorInvalid(vendor));
}

/** AWS reports a bad partition against the resource as it reads it: `arn:` first, padded to six parts. */
const asArn = (parts: string[]) => {
  const padded = ['arn', ...parts.slice(1)];
  while (padded.length < 6) padded.push('*');
  return padded.join(':');
};

function checkResource(resource: string): void {
  if (resource === '*') return;
  const parts = resource.split(':');
  if (!resource.startsWith('arn:')) {
    if (parts.length === 1) throw new PolicyError(MALFORMED.resourceArn(resource));
    throw new PolicyError(MALFORMED.partition(parts[1], asArn(parts)));
  }
  if (parts.length < 3) throw new PolicyError(MALFORMED.resourceVendor);
  if (!PARTITIONS.has(parts[1])) throw new PolicyError(MALFORMED.partition(parts[1], asArn(parts)));
  const [, , service, region] = parts;
  if (service === 'iam' && region) throw new PolicyError(`IAM resource ${resource} cannot contain region information.`);
  if (service === 's3' && region) throw new PolicyError(`Resource ${resource} can not contain region information.`);
}

/** Trust policies: an AWS principal is `*`, an account id, or an IAM/STS ARN; AWS refuses anything else. */
function checkPrincipal(type: string, id: string): void {
  if (id === '*') return;
  const ok =
    type !== 'AWS'
      ? id.length > 0
      : /^\d{12}$/.test(id) ||
        /^arn:[a-z-]+:iam::\d{12}:(root|user\/.+|role\/.+)$/.test(id) ||
        /^arn:[a-z-]+:sts::\d{12}:(assumed-role\/.+\/.+|federated-user\/.+)$/.test(id);
  if (!ok) throw new PolicyError(MALFORMED.invalidPrincipal(type, id));
}
