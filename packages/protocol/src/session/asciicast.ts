/**
 * asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/): the recording format of
 * Session Manager shells in Bosun. A header line, then one JSON array per event:
 * `[seconds, "o" | "i" | "r", data]` — output, input, resize ("COLSxROWS"). Isomorphic: the
 * server writes it, the CLI and the console replay it.
 */

export interface AsciicastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix seconds of the recording's start. */
  timestamp?: number;
  env?: { TERM?: string; SHELL?: string };
  title?: string;
}

export type AsciicastEventType = 'o' | 'i' | 'r' | 'm';
export type AsciicastEvent = [time: number, type: AsciicastEventType, data: string];

export interface Asciicast {
  header: AsciicastHeader;
  events: AsciicastEvent[];
}

/**
 * Turns a session's bytes into asciicast lines. Output and input are decoded as UTF-8 streams
 * (a character split across two frames is kept whole); times are seconds since `startMs`.
 * The header is written once, before the first event line: events that come before the first
 * resize are held back, so the header carries the terminal's real size (a shell prints its
 * prompt before the client reports its size).
 */
export class AsciicastWriter {
  private headerWritten = false;
  private held: string[] = [];
  private readonly decoders = { o: new TextDecoder('utf-8'), i: new TextDecoder('utf-8') };

  constructor(
    private readonly header: Omit<AsciicastHeader, 'version' | 'width' | 'height'> & { width?: number; height?: number },
    private readonly startMs: number,
    /** How many events may wait for the first resize before the default size is written. */
    private readonly maxHeld = 1000,
  ) {}

  output(bytes: Uint8Array, atMs: number): string {
    return this.text('o', bytes, atMs);
  }

  input(bytes: Uint8Array, atMs: number): string {
    return this.text('i', bytes, atMs);
  }

  resize(cols: number, rows: number, atMs: number): string {
    const line = asciicastEventLine(this.seconds(atMs), 'r', `${cols}x${rows}`);
    if (this.headerWritten) return line;
    return this.release(cols, rows) + line;
  }

  /** Whatever is still held (with the header), for the end of the recording. */
  finish(): string {
    return this.headerWritten ? '' : this.release();
  }

  private text(type: 'o' | 'i', bytes: Uint8Array, atMs: number): string {
    const data = this.decoders[type].decode(bytes, { stream: true });
    if (data === '') return '';
    const line = asciicastEventLine(this.seconds(atMs), type, data);
    if (this.headerWritten) return line;
    this.held.push(line);
    return this.held.length >= this.maxHeld ? this.release() : '';
  }

  private release(cols?: number, rows?: number): string {
    this.headerWritten = true;
    const header: AsciicastHeader = {
      version: 2,
      width: cols ?? this.header.width ?? 80,
      height: rows ?? this.header.height ?? 24,
      ...(this.header.timestamp !== undefined ? { timestamp: this.header.timestamp } : {}),
      ...(this.header.env ? { env: this.header.env } : {}),
      ...(this.header.title !== undefined ? { title: this.header.title } : {}),
    };
    const out = JSON.stringify(header) + '\n' + this.held.join('');
    this.held = [];
    return out;
  }

  private seconds(atMs: number): number {
    return Math.max(0, Math.round(atMs - this.startMs) / 1000);
  }
}

export function asciicastEventLine(time: number, type: AsciicastEventType, data: string): string {
  return JSON.stringify([Number(time.toFixed(6)), type, data]) + '\n';
}

/** Parses a whole recording; throws on a missing or non-v2 header, skips blank lines. */
export function parseAsciicast(text: string): Asciicast {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error('asciicast: empty recording');
  const header = JSON.parse(lines[0]) as AsciicastHeader;
  if (header.version !== 2) throw new Error(`asciicast: version ${String(header.version)} is not 2`);
  const events = lines.slice(1).map((line, i) => {
    const e = JSON.parse(line) as unknown;
    if (!Array.isArray(e) || typeof e[0] !== 'number' || typeof e[1] !== 'string' || typeof e[2] !== 'string') {
      throw new Error(`asciicast: event ${i + 1} is not [time, type, data]`);
    }
    return e as AsciicastEvent;
  });
  return { header, events };
}

/** Everything the recording's "o" events printed, in order: what a replay shows. */
export function asciicastOutput(cast: Asciicast): string {
  return cast.events.filter((e) => e[1] === 'o').map((e) => e[2]).join('');
}
