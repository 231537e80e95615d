/**
 * Live output in frames of a sensible size: bytes from a process are gathered per stream and
 * sent every ~100 ms or once 4 KiB are waiting, never one frame per read. Writing to the other
 * stream first flushes what is waiting, so frames arrive in the order the process wrote them.
 */
import { StringDecoder } from 'node:string_decoder';

export type Stream = 'stdout' | 'stderr';
export type Flush = (stream: Stream, data: string) => void;

export interface BatchOptions {
  intervalMs?: number;
  maxBytes?: number;
}

export class OutputBatcher {
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private pending: { stream: Stream; text: string; bytes: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly maxBytes: number;

  constructor(
    private readonly flushTo: Flush,
    options: BatchOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 100;
    this.maxBytes = options.maxBytes ?? 4096;
  }

  write(stream: Stream, chunk: Buffer | string): void {
    // The decoder keeps a multi-byte character split across reads until its last byte arrives.
    const text = typeof chunk === 'string' ? chunk : this.decoders[stream].write(chunk);
    this.add(stream, text);
  }

  /** Sends whatever is waiting, including a dangling partial character (the process has ended). */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) this.add(stream, this.decoders[stream].end());
    this.flush();
  }

  private add(stream: Stream, text: string): void {
    if (!text) return;
    if (this.pending && this.pending.stream !== stream) this.flush();
    if (!this.pending) this.pending = { stream, text: '', bytes: 0 };
    this.pending.text += text;
    this.pending.bytes += Buffer.byteLength(text);
    if (this.pending.bytes >= this.maxBytes) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending?.text) this.flushTo(pending.stream, pending.text);
  }
}
