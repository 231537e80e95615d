/**
 * The JSON 1.1 wire form of responses: timestamps as epoch seconds (fractional
 * milliseconds kept), blobs as base64, absent members left out.
 */

/** A handler's output as a plain JSON value. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  // AWS: JSON protocol timestamps are epoch seconds, a number such as 1732803600.123.
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue).filter((v) => v !== undefined);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const encoded = toJsonValue(v);
      if (encoded !== undefined) out[k] = encoded;
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  return value;
}

/** The response body for an operation's output. */
export function encodeJsonOutput(output: unknown): string {
  return JSON.stringify(toJsonValue(output) ?? {});
}

/**
 * The error body: `{"__type": code, "message": message}`. An empty message is left out,
 * as AWS does for SerializationException. `extra` adds members such as `ReasonCode`.
 */
export function encodeJsonError(code: string, message?: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...(toJsonValue(extra) as object), __type: code, ...(message ? { message } : {}) });
}
