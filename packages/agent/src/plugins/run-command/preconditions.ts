/**
 * Schema 2.2 step preconditions. AWS supports one operator and one variable:
 * `{"StringEquals": ["platformType", "Linux"]}`; a step whose precondition does not hold is
 * skipped, not failed.
 */
import type { RunCommandStep } from '@bosun/protocol/agent/run-command';

export interface NodeVariables {
  platformType: string;
}

/** AWS: the agent's own words for a step skipped by its precondition. */
export const PRECONDITION_SKIPPED = 'Step execution skipped due to unsatisfied preconditions';

/** Undefined when the step may run; otherwise the line the agent prints for the skipped step. */
export function unmetPrecondition(step: RunCommandStep, node: NodeVariables): string | undefined {
  const condition = step.precondition;
  if (!condition) return undefined;
  const operands = condition.StringEquals;
  if (!Array.isArray(operands) || operands.length !== 2) {
    return `${PRECONDITION_SKIPPED}: unsupported precondition ${JSON.stringify(condition)}. Step name: ${step.name}`;
  }
  const resolve = (operand: string) => (operand === 'platformType' ? node.platformType : operand);
  if (resolve(operands[0]) === resolve(operands[1])) return undefined;
  return `${PRECONDITION_SKIPPED}: '"StringEquals": [${operands.join(', ')}]'. Step name: ${step.name}`;
}
