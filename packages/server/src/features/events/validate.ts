import { AwsError } from '../../operations/errors';

/**
 * Input checks for the Bosun events API, which has no AWS model to generate them from. Messages
 * follow AWS's ValidationException wording: "1 validation error detected: Value 'x' at 'name'
 * failed to satisfy constraint: Member must …", several joined with "; ".
 */
export class InputChecker {
  private readonly problems: string[] = [];

  constructor(private readonly input: Record<string, unknown>) {}

  static of(raw: unknown): InputChecker {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      // AWS: a body that is not a JSON object cannot be read into the input structure.
      throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
    }
    return new InputChecker(raw as Record<string, unknown>);
  }

  string(member: string, rules: { required?: boolean; min?: number; max?: number; pattern?: RegExp; patternText?: string }): string | undefined {
    const value = this.input[member];
    const at = lowerFirst(member);
    if (value === undefined || value === null) {
      if (rules.required) this.problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    if (typeof value !== 'string') return this.wrongType(member, 'a string');
    if (rules.min !== undefined && value.length < rules.min) {
      this.problems.push(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${rules.min}`);
    } else if (rules.max !== undefined && value.length > rules.max) {
      this.problems.push(`Value '${value.slice(0, 100)}' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${rules.max}`);
    } else if (rules.pattern && !rules.pattern.test(value)) {
      this.problems.push(`Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rules.patternText ?? rules.pattern.source}`);
    }
    return value;
  }

  integer(member: string, rules: { min: number; max: number }): number | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.wrongType(member, 'an integer');
    const at = lowerFirst(member);
    if (value < rules.min) this.problems.push(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to ${rules.min}`);
    if (value > rules.max) this.problems.push(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to ${rules.max}`);
    return value;
  }

  boolean(member: string): boolean | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'boolean' ? value : this.wrongType(member, 'a boolean');
  }

  /** JSON 1.1 timestamps: epoch seconds. */
  timestamp(member: string): Date | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : this.wrongType(member, 'a timestamp (epoch seconds)');
  }

  /** Throws the collected problems as one ValidationException. */
  done(): void {
    if (this.problems.length === 0) return;
    const n = this.problems.length;
    throw new AwsError('ValidationException', `${n} validation error${n === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`);
  }

  private wrongType(member: string, what: string): undefined {
    this.problems.push(`Value at '${lowerFirst(member)}' failed to satisfy constraint: Member must be ${what}`);
    return undefined;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** AWS: EventBridge rule names. */
export const NAME_RULES = { required: true, min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/, patternText: '[\\.\\-_A-Za-z0-9]+' };
