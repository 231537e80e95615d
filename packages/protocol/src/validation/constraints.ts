/**
 * Second pass: walk a decoded request and list every constraint it breaks, worded as AWS
 * words them (`Value 'x' at 'name' failed to satisfy constraint: Member must …`).
 */
import type { Shape, ShapeTable } from '../contract';
import { matchesJavaPattern } from './java-regex';
import { renderValue } from './render-value';

export interface Violation {
  path: string;
  value: unknown;
  sensitive: boolean;
  constraint: string;
}

/** AWS: member paths start lowerCamel (`ParameterFilters` → `parameterFilters`). */
const segment = (member: string): string => member.charAt(0).toLowerCase() + member.slice(1);
const join = (path: string, next: string): string => (path ? `${path}.${next}` : next);

function sizeOf(shape: Shape, value: unknown): number | undefined {
  if (shape.type === 'string' && typeof value === 'string') return value.length;
  if (shape.type === 'blob' && value instanceof Uint8Array) return value.length;
  if (shape.type === 'list' && Array.isArray(value)) return value.length;
  if (shape.type === 'map' && value && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

const isNumeric = (s: Shape): boolean => s.type === 'integer' || s.type === 'long' || s.type === 'double' || s.type === 'float';

/** Every constraint a shape declares, in AWS's order (for "Member must satisfy constraint: […]"). */
export function describeConstraints(shape: Shape): string[] {
  const out: string[] = [];
  const unit = isNumeric(shape) ? 'value' : 'length';
  if ('max' in shape && shape.max !== undefined) out.push(`Member must have ${unit} less than or equal to ${shape.max}`);
  if ('min' in shape && shape.min !== undefined) out.push(`Member must have ${unit} greater than or equal to ${shape.min}`);
  if (shape.type === 'string' && shape.pattern !== undefined) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.type === 'string' && shape.enum) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return out;
}

/** The constraints of `shape` that `value` itself breaks (not its elements). */
export function brokenConstraints(shape: Shape, value: unknown): string[] {
  const out: string[] = [];
  const size = sizeOf(shape, value);
  if (size !== undefined && 'max' in shape && shape.max !== undefined && size > shape.max) {
    out.push(`Member must have length less than or equal to ${shape.max}`);
  }
  if (size !== undefined && 'min' in shape && shape.min !== undefined && size < shape.min) {
    out.push(`Member must have length greater than or equal to ${shape.min}`);
  }
  if (isNumeric(shape) && typeof value === 'number' && 'max' in shape) {
    if (shape.max !== undefined && value > shape.max) out.push(`Member must have value less than or equal to ${shape.max}`);
    if (shape.min !== undefined && value < shape.min) out.push(`Member must have value greater than or equal to ${shape.min}`);
  }
  if (shape.type === 'string' && typeof value === 'string') {
    if (shape.pattern !== undefined && !matchesJavaPattern(shape.pattern, value)) {
      out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    }
    if (shape.enum && !shape.enum.includes(value)) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  }
  return out;
}

export class ConstraintChecker {
  readonly violations: Violation[] = [];

  constructor(private readonly shapes: ShapeTable) {}

  /** Whether the shape, or what it holds, must never be echoed back. */
  private sensitive(name: string, seen = new Set<string>()): boolean {
    const shape = this.shapes[name];
    if ('sensitive' in shape && shape.sensitive) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    if (shape.type === 'list') return this.sensitive(shape.member, seen);
    if (shape.type === 'map') return this.sensitive(shape.value, seen) || this.sensitive(shape.key, seen);
    return false;
  }

  private add(path: string, value: unknown, shapeName: string, constraint: string): void {
    this.violations.push({ path, value, sensitive: this.sensitive(shapeName), constraint });
  }

  check(shapeName: string, value: unknown, path: string): void {
    const shape = this.shapes[shapeName];
    for (const c of brokenConstraints(shape, value)) this.add(path, value, shapeName, c);
    if (shape.type === 'structure') this.checkStructure(shape.members, shape.required ?? [], value as Record<string, unknown>, path);
    else this.checkNested(shapeName, value, path);
  }

  private checkStructure(members: Record<string, string>, required: string[], value: Record<string, unknown>, path: string): void {
    for (const [member, target] of Object.entries(members)) {
      const memberPath = join(path, segment(member));
      const inner = value[member];
      if (inner === undefined) {
        if (required.includes(member)) this.add(memberPath, null, target, 'Member must not be null');
        continue;
      }
      this.check(target, inner, memberPath);
    }
  }

  /**
   * AWS: elements that are structures are checked one by one (`filters.1.member.key`);
   * scalar elements are judged together — one error at the list's path that lists every
   * constraint of the element shape, however many elements break it.
   */
  private checkElements(listName: string, target: string, items: unknown[], path: string): void {
    const element = this.shapes[target];
    if (element.type === 'structure') {
      items.forEach((item, i) => this.check(target, item, `${path}.${i + 1}.member`));
      return;
    }
    if (items.some((item) => brokenConstraints(element, item).length > 0)) {
      this.add(path, items, listName, `Member must satisfy constraint: [${describeConstraints(element).join(', ')}]`);
    }
    if (element.type === 'list' || element.type === 'map') {
      items.forEach((item, i) => this.checkNested(target, item, `${path}.${i + 1}.member`));
    }
  }

  /** Contents of a nested list/map element (its own size was judged by the parent). */
  private checkNested(target: string, value: unknown, path: string): void {
    const shape = this.shapes[target];
    if (shape.type === 'list') this.checkElements(target, shape.member, value as unknown[], path);
    else if (shape.type === 'map') this.checkMap(target, shape.key, shape.value, value as Record<string, unknown>, path);
  }

  /** AWS: map keys are reported once ("Map keys must satisfy …"), values once ("Map value …"). */
  private checkMap(mapName: string, keyShape: string, valueShape: string, value: Record<string, unknown>, path: string): void {
    const keys = Object.keys(value);
    if (keys.some((k) => brokenConstraints(this.shapes[keyShape], k).length > 0)) {
      this.add(path, value, mapName, `Map keys must satisfy constraint: [${describeConstraints(this.shapes[keyShape]).join(', ')}]`);
    }
    const vShape = this.shapes[valueShape];
    if (vShape.type === 'structure') {
      for (const k of keys) this.check(valueShape, value[k], `${path}.${k}.member`);
      return;
    }
    if (keys.some((k) => brokenConstraints(vShape, value[k]).length > 0)) {
      this.add(path, value, mapName, `Map value must satisfy constraint: [${describeConstraints(vShape).join(', ')}]`);
    }
    for (const k of keys) this.checkNested(valueShape, value[k], `${path}.${k}.member`);
  }
}

/** `Value 'x' at 'path' failed to satisfy constraint: …`, without the value when it is secret. */
export function formatViolation(v: Violation): string {
  // AWS: a sensitive member's value is never echoed: "Value at 'value' failed …".
  const shown = v.sensitive ? 'Value' : v.value === null ? 'Value null' : `Value '${renderValue(v.value)}'`;
  return `${shown} at '${v.path}' failed to satisfy constraint: ${v.constraint}`;
}
