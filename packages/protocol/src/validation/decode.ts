/**
 * First pass over a request: check each member's JSON type against the shape table and turn
 * wire values into typed ones (epoch seconds → Date, base64 → Uint8Array). A type mismatch
 * is a SerializationException, raised before any constraint is looked at.
 */
import type { Shape, ShapeTable } from '../contract';
import { ProtocolError } from '../protocol-error';

export type WireProtocol = 'json' | 'query';

// AWS: Coral names the JSON token it could not convert (measured against JSON 1.1 services).
const LIST_FOUND = 'Start of list found where not expected';
const MAP_FOUND = 'Start of structure or map found where not expected.';

const JAVA_TYPE: Record<string, string> = {
  string: 'a String', integer: 'an Integer', long: 'a Long', double: 'a Double', float: 'a Float',
  boolean: 'a Boolean', timestamp: 'a Date', blob: 'a ByteBuffer',
};

function token(value: unknown): string {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  return value === true ? 'TRUE_VALUE' : 'FALSE_VALUE';
}

/** Deeper than any real request; keeps a hostile recursive body from exhausting the stack. */
const MAX_DEPTH = 100;

export class Decoder {
  private depth = 0;

  constructor(
    private readonly shapes: ShapeTable,
    private readonly protocol: WireProtocol,
  ) {}

  private fail(message: string): never {
    // AWS: Query services have no SerializationException; a value that is not of the
    // member's type is reported as a validation error there.
    if (this.protocol === 'query') throw new ProtocolError('ValidationError', message);
    throw new ProtocolError('SerializationException', message);
  }

  private mismatch(shape: Shape, value: unknown): never {
    if (Array.isArray(value)) this.fail(LIST_FOUND);
    if (typeof value === 'object' && value !== null) this.fail(MAP_FOUND);
    if (shape.type === 'list') this.fail('Expected list or null');
    if (shape.type === 'map') this.fail('Expected map or null');
    if (shape.type === 'structure') this.fail('Expected null');
    this.fail(`${token(value)} can not be converted to ${JAVA_TYPE[shape.type]}`);
  }

  /** The typed value, or undefined for JSON null (AWS treats null as absent). */
  decode(shapeName: string, value: unknown): unknown {
    if (value === null || value === undefined) return undefined;
    if (this.depth >= MAX_DEPTH) this.fail('');
    this.depth++;
    try {
      return this.decodeValue(shapeName, value);
    } finally {
      this.depth--;
    }
  }

  private decodeValue(shapeName: string, value: unknown): unknown {
    const shape = this.shapes[shapeName];
    switch (shape.type) {
      case 'structure': {
        if (typeof value !== 'object' || Array.isArray(value)) this.mismatch(shape, value);
        const out: Record<string, unknown> = {};
        const raw = value as Record<string, unknown>;
        // AWS: members the model does not know are ignored, never an error.
        for (const [member, target] of Object.entries(shape.members)) {
          if (!Object.hasOwn(raw, member)) continue;
          const decoded = this.decode(target, raw[member]);
          if (decoded !== undefined) out[member] = decoded;
        }
        return out;
      }
      case 'list': {
        if (!Array.isArray(value)) this.mismatch(shape, value);
        // AWS: null elements are dropped, not rejected.
        return value.map((v) => this.decode(shape.member, v)).filter((v) => v !== undefined);
      }
      case 'map': {
        if (typeof value !== 'object' || Array.isArray(value)) this.mismatch(shape, value);
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          const decoded = this.decode(shape.value, v);
          if (decoded !== undefined) out[k] = decoded;
        }
        return out;
      }
      case 'string':
        if (typeof value !== 'string') this.mismatch(shape, value);
        return value;
      case 'integer':
      case 'long':
      case 'double':
      case 'float':
        return this.decodeNumber(shape, value);
      case 'boolean':
        if (typeof value === 'boolean') return value;
        if (this.protocol === 'query' && (value === 'true' || value === 'false')) return value === 'true';
        return this.mismatch(shape, value);
      case 'timestamp':
        return this.decodeTimestamp(shape, value);
      case 'blob':
        return this.decodeBlob(shape, value);
    }
  }

  private decodeNumber(shape: Shape, value: unknown): number {
    let n = value;
    if (typeof value === 'string' && this.protocol === 'query' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) n = Number(value);
    if (typeof n !== 'number' || !Number.isFinite(n)) return this.mismatch(shape, value);
    // AWS: a fraction sent for an integer member is truncated, not rejected.
    return shape.type === 'integer' || shape.type === 'long' ? Math.trunc(n) : n;
  }

  private decodeTimestamp(shape: Shape, value: unknown): Date {
    // JSON services send epoch seconds; Query services ISO-8601 text; a reader may already have made a Date.
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
    if (typeof value === 'number' && Number.isFinite(value)) return new Date(Math.round(value * 1000));
    if (typeof value === 'string' && this.protocol === 'query') {
      const d = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
      if (!Number.isNaN(d.getTime())) return d;
    }
    return this.mismatch(shape, value);
  }

  private decodeBlob(shape: Shape, value: unknown): Uint8Array {
    if (value instanceof Uint8Array) return value; // already decoded (a Query form reader's Buffer)
    if (typeof value !== 'string') return this.mismatch(shape, value);
    const compact = value.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
      // AWS: an undecodable base64 blob is a SerializationException without a message.
      this.fail('');
    }
    return new Uint8Array(Buffer.from(compact, 'base64'));
  }
}
