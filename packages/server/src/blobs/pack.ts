/**
 * A pack: many small blobs of one folder kept in one append-only file (`<folder>/~pack`; `~` is
 * not a key character, so no key can name it). A fan-out writes a few bytes of output for each
 * of thousands of nodes, and creating a file per node and stream (~160 us on ext4) was most of
 * the server's cost; a pack takes every chunk that arrived in one turn of the event loop in a
 * single positional write on a descriptor kept open while chunks keep coming.
 *
 * Record: `<name>\t<byte length>\n<bytes>`. A blob is the concatenation of its records' bytes
 * in file order. The index (name → segments) lives in memory, built by scanning the file the
 * first time a pack is used after a restart; a record cut short by a crash is dropped there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

const PACK_FILE = '~pack';
/** A descriptor is closed after this long without writes. */
const IDLE_CLOSE_MS = 2_000;

type Segment = [offset: number, length: number];

export class Pack {
  private fd?: number;
  private size = 0;
  private loaded = false;
  private readonly index = new Map<string, Segment[]>();
  private queued: Array<{ name: string; data: Buffer; done: (err?: Error) => void }> = [];
  private writing?: Promise<void>;
  private idle?: NodeJS.Timeout;
  readonly file: string;

  constructor(folder: string) {
    this.file = path.join(folder, PACK_FILE);
  }

  /** Reads the index from the file once (a pack written before a restart). */
  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    let fd: number;
    try { fd = fs.openSync(this.file, 'r'); } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    try {
      const total = fs.fstatSync(fd).size;
      const head = Buffer.alloc(512);
      let at = 0;
      while (at < total) {
        const n = fs.readSync(fd, head, 0, head.length, at);
        const nl = head.subarray(0, n).indexOf(10);
        const tab = head.subarray(0, n).indexOf(9);
        if (nl < 0 || tab < 0 || tab > nl) break;
        const length = Number(head.toString('latin1', tab + 1, nl));
        const start = at + nl + 1;
        if (!Number.isSafeInteger(length) || length < 0 || start + length > total) break;
        this.segmentsOf(head.toString('utf8', 0, tab)).push([start, length]);
        at = start + length;
      }
      // Anything after the last whole record was cut short by a crash: written over from here.
      this.size = at;
    } finally {
      fs.closeSync(fd);
    }
  }

  private segmentsOf(name: string): Segment[] {
    let segments = this.index.get(name);
    if (!segments) { segments = []; this.index.set(name, segments); }
    return segments;
  }

  append(name: string, data: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ name, data: Buffer.from(data, 'utf8'), done: (err) => (err ? reject(err) : resolve()) });
      if (this.queued.length === 1 && !this.writing) setImmediate(() => this.kick());
    });
  }

  /** Writes what is queued, then whatever queued meanwhile, one write each time. */
  private kick(): void {
    if (this.writing || this.queued.length === 0) return;
    this.writing = this.writeQueued().finally(() => { this.writing = undefined; this.kick(); });
  }

  private async writeQueued(): Promise<void> {
    const batch = this.queued;
    this.queued = [];
    try {
      this.load();
      if (this.fd === undefined) {
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        this.fd = fs.openSync(this.file, 'a+');
        // Drop a torn tail so new records follow the last whole one.
        if (fs.fstatSync(this.fd).size > this.size) { fs.closeSync(this.fd); fs.truncateSync(this.file, this.size); this.fd = fs.openSync(this.file, 'a+'); }
      }
      const parts: Buffer[] = [];
      const placed: Array<[string, Segment]> = [];
      let at = this.size;
      for (const { name, data } of batch) {
        const header = Buffer.from(`${name}\t${data.length}\n`, 'utf8');
        parts.push(header, data);
        placed.push([name, [at + header.length, data.length]]);
        at += header.length + data.length;
      }
      const buffer = parts.length === 2 ? Buffer.concat(parts) : Buffer.concat(parts, at - this.size);
      const fd = this.fd;
      // 'a+' appends whatever the position: only this object writes the pack, so it lands at `size`.
      await new Promise<void>((resolve, reject) => fs.write(fd, buffer, 0, buffer.length, null, (err) => (err ? reject(err) : resolve())));
      this.size = at;
      for (const [name, segment] of placed) this.segmentsOf(name).push(segment);
      for (const { done } of batch) done();
    } catch (err) {
      for (const { done } of batch) done(err as Error);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.close(), IDLE_CLOSE_MS);
    this.idle.unref();
  }

  /** Resolves once everything appended so far is in the file. */
  async settled(): Promise<void> {
    while (this.writing || this.queued.length > 0) {
      if (!this.writing) this.kick();
      await this.writing;
    }
  }

  /** True when the blob has any bytes written or waiting. */
  has(name: string): boolean {
    this.load();
    return this.index.has(name) || this.queued.some((q) => q.name === name);
  }

  async read(name: string, maxBytes = Infinity): Promise<Buffer | undefined> {
    await this.settled();
    this.load();
    const segments = this.index.get(name);
    if (!segments) return undefined;
    const handle = await fs.promises.open(this.file, 'r');
    try {
      const parts: Buffer[] = [];
      let left = maxBytes;
      for (const [offset, length] of segments) {
        if (left <= 0) break;
        const want = Math.min(length, left);
        const buffer = Buffer.alloc(want);
        const { bytesRead } = await handle.read(buffer, 0, want, offset);
        parts.push(buffer.subarray(0, bytesRead));
        left -= bytesRead;
      }
      return Buffer.concat(parts);
    } finally {
      await handle.close();
    }
  }

  stream(name: string): NodeJS.ReadableStream {
    const self = this;
    return Readable.from((async function* () {
      await self.settled();
      const segments = [...(self.index.get(name) ?? [])];
      const handle = await fs.promises.open(self.file, 'r');
      try {
        for (const [offset, length] of segments) {
          for (let done = 0; done < length;) {
            const want = Math.min(length - done, 64 * 1024);
            const buffer = Buffer.alloc(want);
            const { bytesRead } = await handle.read(buffer, 0, want, offset + done);
            if (bytesRead === 0) return;
            done += bytesRead;
            yield buffer.subarray(0, bytesRead);
          }
        }
      } finally {
        await handle.close();
      }
    })(), { objectMode: false });
  }

  /** Nothing open, queued or being written: the pack may be forgotten (its index is rebuilt from the file). */
  get idleNow(): boolean {
    return this.fd === undefined && !this.writing && this.queued.length === 0;
  }

  close(): void {
    clearTimeout(this.idle);
    if (this.fd !== undefined && !this.writing && this.queued.length === 0) { fs.closeSync(this.fd); this.fd = undefined; }
  }
}
