// Writes a handler's output as the XML body members AWS Query services return, in model order.
import type { Shape, ShapeRef } from './service-models';
import { element, escapeXml } from './xml';

/** AWS Query timestamps: ISO-8601 UTC, e.g. `2012-09-21T23:03:13Z` (milliseconds only if non-zero). */
export function formatTimestamp(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value * 1000) : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new TypeError(`not a timestamp: ${String(value)}`);
  return date.toISOString().replace('.000Z', 'Z');
}

export class XmlWriter {
  constructor(private readonly shapes: Record<string, Shape>) {}

  /** The members of a structure value, each as `<Name>…</Name>`; absent members are left out. */
  members(shapeName: string, value: Record<string, unknown>): string {
    const shape = this.shapes[shapeName] as Extract<Shape, { type: 'structure' }>;
    let out = '';
    for (const [name, ref] of Object.entries(shape.members)) {
      const member = value[name];
      if (member === undefined || member === null) continue;
      out += this.field(ref.locationName ?? name, ref, member);
    }
    return out;
  }

  private field(name: string, ref: ShapeRef, value: unknown): string {
    const shape = this.shapes[ref.shape];
    if (shape.type === 'list' && shape.flattened) {
      return (value as unknown[]).map((item) => this.field(name, shape.member, item)).join('');
    }
    return element(name, this.body(ref, value));
  }

  private body(ref: ShapeRef, value: unknown): string {
    const shape = this.shapes[ref.shape];
    switch (shape.type) {
      case 'structure':
        return this.members(ref.shape, value as Record<string, unknown>);
      case 'list': {
        const tag = shape.member.locationName ?? 'member';
        return (value as unknown[]).map((item) => element(tag, this.body(shape.member, item))).join('');
      }
      case 'map': {
        const keyTag = shape.key.locationName ?? 'key';
        const valueTag = shape.value.locationName ?? 'value';
        const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
        return entries
          .map(([k, v]) =>
            element('entry', element(keyTag, escapeXml(String(k))) + element(valueTag, this.body(shape.value, v))),
          )
          .join('');
      }
      case 'timestamp':
        return formatTimestamp(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'blob':
        return Buffer.from(value as Uint8Array | string).toString('base64');
      default:
        return escapeXml(String(value));
    }
  }
}
