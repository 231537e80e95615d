import { AwsError } from '../../operations/errors';

/** AWS: CreateDocument names; GetDocument/DescribeDocument also take an ARN. */
const DOCUMENT_NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;
/** AWS: these prefixes are reserved for documents AWS publishes, in any letter case. */
const RESERVED_PREFIXES = ['aws', 'amazon', 'amzn'];

export function assertCreatableName(name: string): void {
  if (!DOCUMENT_NAME.test(name)) {
    throw new AwsError('ValidationException', `Document name "${name}" is not valid: use 3 to 128 letters, digits, '_', '-' and '.'.`);
  }
  const prefix = RESERVED_PREFIXES.find((p) => name.toLowerCase().startsWith(p));
  if (prefix) {
    throw new AwsError('ValidationException', `Document name "${name}" is not valid: names beginning with ${RESERVED_PREFIXES.join(', ')} (any case) are reserved for documents AWS publishes.`);
  }
}

/** arn:aws:ssm:<region>:<account>:document/<name>; built-ins have no account (AWS: arn:aws:ssm:<region>::document/AWS-…). */
export const documentArn = (region: string, accountId: string, name: string): string => `arn:aws:ssm:${region}:${accountId}:document/${name}`;

const ARN = /^arn:aws[a-z-]*:ssm:([a-z0-9-]*):(\d{12})?:document\/([a-zA-Z0-9_\-.]{3,128})$/;

/** A name, or an ARN naming the owner (another account for shared documents, none for built-ins). */
export function parseNameOrArn(nameOrArn: string): { name: string; ownerAccountId?: string; isArn: boolean } {
  const m = ARN.exec(nameOrArn);
  if (m) return { name: m[3], ownerAccountId: m[2] ?? '', isArn: true };
  return { name: nameOrArn, isArn: false };
}
