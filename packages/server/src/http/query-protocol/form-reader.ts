// Turns flattened Query parameters (`Tags.member.1.Key=k`) back into the nested value the model
// describes. Pure over a shape table, so it can be tested with a hand-made model.
import { AwsError } from '../../operations/errors';
import type { Shape, ShapeRef } from './service-models';

export type Params = Map<string, string>;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * AWS: conversion failures read like other validation failures,
 * "1 validation error detected: Value 'abc' at 'maxItems' failed to satisfy constraint: …".
 */
function invalid(value: string, path: string, constraint: string): AwsError {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

/** True when some parameter is `prefix` itself or lies beneath it. */
function present(params: Params, prefix: string): boolean {
  if (params.has(prefix)) return true;
  for (const key of params.keys()) if (key.startsWith(`${prefix}.`)) return true;
  return false;
}

/** The numeric indexes N used under `prefix.N`, ascending. */
function indexes(params: Params, prefix: string): number[] {
  const found = new Set<number>();
  const start = `${prefix}.`;
  for (const key of params.keys()) {
    if (!key.startsWith(start)) continue;
    const n = Number(key.slice(start.length).split('.')[0]);
    if (Number.isInteger(n) && n > 0) found.add(n);
  }
  return [...found].sort((a, b) => a - b);
}

export class FormReader {
  constructor(
    private readonly shapes: Record<string, Shape>,
    private readonly params: Params,
  ) {}

  /** The top-level input of an operation: members sit at the root, without a prefix. */
  readInput(shapeName: string): Record<string, unknown> {
    return this.readStructure(shapeName, '', '');
  }

  private read(ref: ShapeRef, key: string, path: string): unknown {
    const shape = this.shapes[ref.shape];
    switch (shape.type) {
      case 'structure':
        return present(this.params, key) ? this.readStructure(ref.shape, key, path) : undefined;
      case 'list':
        return this.readList(shape, key, path);
      case 'map':
        return this.readMap(shape, key, path);
      default:
        return this.params.has(key) ? this.readScalar(shape.type, this.params.get(key)!, path) : undefined;
    }
  }

  private readStructure(shapeName: string, prefix: string, path: string): Record<string, unknown> {
    const shape = this.shapes[shapeName] as Extract<Shape, { type: 'structure' }>;
    const out: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(shape.members)) {
      const wireName = ref.locationName ?? name;
      const key = prefix === '' ? wireName : `${prefix}.${wireName}`;
      const memberPath = path === '' ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
      const value = this.read(ref, key, memberPath);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private readList(shape: Extract<Shape, { type: 'list' }>, key: string, path: string): unknown[] | undefined {
    const base = shape.flattened ? key : `${key}.${shape.member.locationName ?? 'member'}`;
    const found = indexes(this.params, base);
    // AWS: an empty list travels as the bare name with an empty value (`Tags=`).
    if (found.length === 0) return this.params.has(key) ? [] : undefined;
    return found.map((n) => this.read(shape.member, `${base}.${n}`, `${path}.${n}.member`));
  }

  private readMap(shape: Extract<Shape, { type: 'map' }>, key: string, path: string) {
    const base = shape.flattened ? key : `${key}.entry`;
    const found = indexes(this.params, base);
    if (found.length === 0) return this.params.has(key) ? {} : undefined;
    const out: Record<string, unknown> = {};
    for (const n of found) {
      const entry = `${base}.${n}`;
      const name = this.params.get(`${entry}.${shape.key.locationName ?? 'key'}`);
      if (name === undefined) continue;
      out[name] = this.read(shape.value, `${entry}.${shape.value.locationName ?? 'value'}`, `${path}.${name}`);
    }
    return out;
  }

  private readScalar(type: string, raw: string, path: string): unknown {
    switch (type) {
      case 'integer':
      case 'long': {
        if (!/^-?\d+$/.test(raw.trim())) throw invalid(raw, path, 'Member must be a number');
        return Number(raw.trim());
      }
      case 'float':
      case 'double': {
        const n = Number(raw);
        if (raw.trim() === '' || Number.isNaN(n)) throw invalid(raw, path, 'Member must be a number');
        return n;
      }
      case 'boolean': {
        const lower = raw.trim().toLowerCase();
        if (lower !== 'true' && lower !== 'false') throw invalid(raw, path, 'Member must be a boolean');
        return lower === 'true';
      }
      case 'timestamp': {
        // AWS Query clients send ISO-8601; epoch seconds are accepted too.
        const date = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
        if (Number.isNaN(date.getTime())) throw invalid(raw, path, 'Member must be a timestamp');
        return date;
      }
      case 'blob':
        return Buffer.from(raw, 'base64');
      default:
        return raw;
    }
  }
}
