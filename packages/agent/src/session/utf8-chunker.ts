/**
 * AWS: the agent sends terminal output in whole UTF-8 characters (shell.go processStdoutData),
 * so a client or a recording that decodes each message on its own never sees a character cut in
 * two. This holds back an incomplete character at the end of a chunk until the next one.
 */
export class Utf8Chunker {
  private pending: Uint8Array = new Uint8Array(0);

  /** The complete characters so far (possibly empty). */
  push(chunk: Uint8Array): Uint8Array {
    const bytes = this.pending.length ? concat(this.pending, chunk) : chunk;
    const cut = completeLength(bytes);
    this.pending = bytes.slice(cut);
    return cut === bytes.length ? bytes : bytes.subarray(0, cut);
  }

  /** Whatever is left (an incomplete character at the end of the output). */
  flush(): Uint8Array {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return rest;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Length of `bytes` without a trailing incomplete multi-byte sequence. */
export function completeLength(bytes: Uint8Array): number {
  // look back at most 3 bytes for the lead byte of the last character
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length; // not UTF-8 anyway: pass it on
}
