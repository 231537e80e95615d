/** The request context a condition sees: key → one value, several values, or absent. */
export type ConditionContext = Record<string, string | string[] | undefined>;

/** AWS: condition key names are case-insensitive (`aws:SourceIP` finds `aws:SourceIp`). */
export function lookupKey(context: ConditionContext, key: string): string | string[] | undefined {
  if (context[key] !== undefined) return context[key];
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) if (name.toLowerCase() === wanted) return value;
  return undefined;
}
