/**
 * Parameter labels: aliases for one version of one parameter. A label that breaks a rule is not
 * an error: AWS answers it back in InvalidLabels and attaches the others.
 */
export const MAX_LABELS_PER_VERSION = 10;
export const MAX_LABEL_LENGTH = 100;

/** AWS: letters, numbers, `.`, `-`, `_`; not starting with a digit, "aws" or "ssm" (any case). */
export function isValidLabel(label: string): boolean {
  if (label.length < 1 || label.length > MAX_LABEL_LENGTH) return false;
  if (!/^[a-zA-Z0-9_.-]+$/.test(label)) return false;
  if (/^[0-9]/.test(label)) return false;
  return !/^(aws|ssm)/i.test(label);
}

/** Splits requested labels into the ones to attach (deduplicated, in order) and the invalid ones. */
export function partitionLabels(labels: string[]): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const label of labels) {
    if (!isValidLabel(label)) invalid.push(label);
    else if (!valid.includes(label)) valid.push(label);
  }
  return { valid, invalid };
}
