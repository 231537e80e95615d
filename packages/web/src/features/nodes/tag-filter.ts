import type { InstanceInformationStringFilter } from '@aws-sdk/client-ssm';

/**
 * `Env=prod` → tag:Env = prod; `Env=prod,staging` → either value; `Env` → any node with the key
 * (AWS's `tag-key` filter). Several space-separated terms must all match.
 */
export function parseTagFilter(text: string): { filters: InstanceInformationStringFilter[] } | { error: string } {
  const filters: InstanceInformationStringFilter[] = [];
  for (const term of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = term.indexOf('=');
    if (eq === 0) return { error: `"${term}": a tag filter needs a key before "=".` };
    if (eq < 0) filters.push({ Key: 'tag-key', Values: [term] });
    else filters.push({ Key: `tag:${term.slice(0, eq)}`, Values: term.slice(eq + 1).split(',').filter(Boolean) });
  }
  return { filters };
}
