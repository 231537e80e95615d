/**
 * The project's copy of an AWS model: botocore's service-2.json without the prose
 * (`documentation`, `documentationUrl`), written the same way every time so a fresh
 * import can be compared byte for byte with the committed copy.
 */
const PROSE_KEYS = new Set(['documentation', 'documentationUrl']);

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (!PROSE_KEYS.has(key)) out[key] = strip(inner);
    }
    return out;
  }
  return value;
}

/** The text of models/<svc>.json for the given botocore service-2.json text. */
export function stripModelText(serviceJson: string): string {
  return JSON.stringify(strip(JSON.parse(serviceJson)), null, 1) + '\n';
}

export const SERVICES = ['ssm', 'kms', 'sts', 'iam'] as const;
