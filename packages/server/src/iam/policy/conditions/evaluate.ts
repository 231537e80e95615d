import type { ConditionBlock } from '../types';
import { lookupKey, type ConditionContext } from '../context-lookup';
import { expandVariables } from '../variables';
import type { PatternPart } from '../match';
import { meaningOf } from './compare';
import { parseOperator, type ParsedOperator } from './operators';

/**
 * A Condition block: every operator must hold (AND), every key within an operator must hold (AND),
 * and several values for one key are alternatives (OR; NOR for negated operators).
 * Returns undefined when a policy variable in a value cannot be resolved: AWS then treats the whole
 * statement as not matching, whatever its effect.
 */
export function conditionsHold(block: ConditionBlock | undefined, context: ConditionContext, variables: boolean): boolean | undefined {
  if (!block) return true;
  for (const [written, keys] of Object.entries(block)) {
    const operator = parseOperator(written);
    if (!operator) return false;
    for (const [key, rawValues] of Object.entries(keys)) {
      const values: PatternPart[][] = [];
      for (const raw of rawValues) {
        const expanded = expandVariables(raw, context, variables);
        if (!expanded) return undefined;
        values.push(expanded);
      }
      if (!keyHolds(operator, lookupKey(context, key), values)) return false;
    }
  }
  return true;
}

function keyHolds(operator: ParsedOperator, contextValue: string | string[] | undefined, policyValues: PatternPart[][]): boolean {
  const present = contextValue !== undefined && !(Array.isArray(contextValue) && contextValue.length === 0);
  if (operator.base === 'Null') {
    // AWS: Null "true" asks that the key be absent, "false" that it be present.
    return policyValues.some((v) => v.map((p) => p.text).join('').toLowerCase() === (present ? 'false' : 'true'));
  }
  const { compare, negated } = meaningOf(operator.base);
  /** Does one context value satisfy the operator against the list of policy values? */
  const satisfies = (value: string): boolean => {
    const results = policyValues.map((p) => compare(value, p));
    if (results.some((r) => r === undefined) && !results.some((r) => r === true)) return false;
    const anyMatch = results.some((r) => r === true);
    return negated ? !anyMatch : anyMatch;
  };

  if (!present) {
    // AWS: ForAllValues over no values is true; ForAnyValue over no values is false.
    if (operator.qualifier === 'ForAllValues') return true;
    if (operator.qualifier === 'ForAnyValue') return false;
    // AWS: ...IfExists passes a missing key; negated operators are true when the key is missing.
    return operator.ifExists || negated;
  }
  const values = Array.isArray(contextValue) ? contextValue : [contextValue as string];
  if (operator.qualifier === 'ForAllValues') return values.every(satisfies);
  if (operator.qualifier === 'ForAnyValue') return values.some(satisfies);
  // A multivalued key under a plain operator: positive operators ask whether any value matches,
  // negated ones whether none does (the same NOR as for several policy values).
  return negated ? values.every(satisfies) : values.some(satisfies);
}
