/**
 * Records one shell session in the relay, as asciicast v2, into the blob store: the node's
 * output ("o"), the user's keystrokes ("i") and terminal sizes ("r"). The data channel
 * retransmits unacknowledged messages, so each direction is recorded in sequence order once:
 * duplicates are dropped and a message that arrives early waits for the ones before it.
 */
import { AsciicastWriter } from '@bosun/protocol/session/asciicast';
import { MessageType, PayloadType, decodeSizePayload, type SessionFrame } from '@bosun/protocol/session/index';
import type { BlobStore } from '../blobs/index';

/** Far more than the data channel keeps unacknowledged; beyond it a gap is given up on. */
const MAX_WAITING = 10_000;
/** Recorded lines are appended at most this often… */
const FLUSH_MS = 100;
/** …or at once when this much waits. */
const FLUSH_BYTES = 64 * 1024;

class InOrder {
  next = 0;
  private readonly waiting = new Map<number, SessionFrame>();
  /** The frames now deliverable, in order. */
  take(frame: SessionFrame): SessionFrame[] {
    if (frame.sequenceNumber < this.next) return [];
    if (frame.sequenceNumber > this.next) {
      if (this.waiting.size < MAX_WAITING) this.waiting.set(frame.sequenceNumber, frame);
      return [];
    }
    const out = [frame];
    this.next++;
    for (let f = this.waiting.get(this.next); f; f = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      out.push(f);
      this.next++;
    }
    return out;
  }
}

export class SessionRecorder {
  private readonly writer: AsciicastWriter;
  private readonly fromAgent = new InOrder();
  private readonly fromClient = new InOrder();
  private pending: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(
    private readonly store: BlobStore,
    readonly key: string,
    startMs: number,
    title: string,
    private readonly onError: (err: unknown) => void,
  ) {
    this.writer = new AsciicastWriter({ timestamp: Math.floor(startMs / 1000), env: { TERM: 'xterm-256color', SHELL: '/bin/sh' }, title }, startMs);
  }

  agentFrame(frame: SessionFrame, atMs: number): void {
    if (frame.messageType !== MessageType.OutputStreamData) return;
    for (const f of this.fromAgent.take(frame)) {
      if (f.payloadType === PayloadType.Output || f.payloadType === PayloadType.StdErr) this.write(this.writer.output(f.payload, atMs));
    }
  }

  clientFrame(frame: SessionFrame, atMs: number): void {
    if (frame.messageType !== MessageType.InputStreamData) return;
    for (const f of this.fromClient.take(frame)) {
      if (f.payloadType === PayloadType.Output) this.write(this.writer.input(f.payload, atMs));
      else if (f.payloadType === PayloadType.Size) {
        try {
          const { cols, rows } = decodeSizePayload(f.payload);
          this.write(this.writer.resize(cols, rows, atMs));
        } catch {
          // a malformed size is the node's problem to refuse; the recording skips it
        }
      }
    }
  }

  /** Writes the header if nothing was recorded and waits until every line is in the store. */
  async finish(): Promise<void> {
    this.finished = true;
    this.write(this.writer.finish());
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.startAppend();
    }
    await this.pending;
  }

  /**
   * Lines wait here up to FLUSH_MS, and while an append is under way, then go to the store
   * together: typing costs an append every FLUSH_MS at most, never one per keystroke and echo,
   * and the file work stays off the echo path.
   */
  private queued = '';
  private appending = false;
  private finished = false;
  private flushTimer: NodeJS.Timeout | undefined;

  private write(lines: string): void {
    if (lines === '' || this.failed) return;
    this.queued += lines;
    if (this.appending) return;
    if (this.finished || this.queued.length >= FLUSH_BYTES) {
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.startAppend();
      return;
    }
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.startAppend();
    }, FLUSH_MS);
    this.flushTimer.unref();
  }

  private startAppend(): void {
    if (this.appending || this.queued === '') return;
    this.appending = true;
    this.pending = this.pending.then(() => this.appendQueued());
  }

  private async appendQueued(): Promise<void> {
    while (this.queued !== '' && !this.failed) {
      const lines = this.queued;
      this.queued = '';
      try {
        await this.store.append(this.key, lines);
      } catch (err) {
        this.failed = true;
        this.onError(err);
      }
    }
    this.appending = false;
  }
}
