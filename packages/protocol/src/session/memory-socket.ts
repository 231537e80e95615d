/**
 * Two connected in-memory WebSocketLike ends, for tests and benchmarks of the session code
 * without a server. Messages are delivered asynchronously (microtasks), in order, copied.
 */
import type { WebSocketLike } from './socket';

type Listener = (event: any) => void;

export interface MemorySocketPairOptions {
  /** Sees every message; return false to drop it (a relay that consumes the first TEXT frame, a lossy link). */
  filter?(data: string | Uint8Array, from: 'a' | 'b'): boolean;
}

export class MemorySocket implements WebSocketLike {
  readyState = 0;
  binaryType = 'arraybuffer';
  /** @internal */ peer: MemorySocket | null = null;
  /** @internal */ filter: ((data: string | Uint8Array) => boolean) | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  send(data: string | Uint8Array): void {
    if (this.readyState !== 1) throw new Error('the socket is not open');
    const copy = typeof data === 'string' ? data : data.slice();
    if (this.filter && !this.filter(copy)) return;
    const peer = this.peer;
    queueMicrotask(() => {
      if (peer && peer.readyState === 1) peer.emit('message', { data: copy });
    });
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    const peer = this.peer;
    queueMicrotask(() => {
      this.emit('close', { code, reason });
      peer?.close(code, reason);
    });
  }

  /** @internal */
  emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

export function memorySocketPair(options: MemorySocketPairOptions = {}): [MemorySocket, MemorySocket] {
  const a = new MemorySocket();
  const b = new MemorySocket();
  a.peer = b;
  b.peer = a;
  if (options.filter) {
    const filter = options.filter;
    a.filter = (data) => filter(data, 'a');
    b.filter = (data) => filter(data, 'b');
  }
  queueMicrotask(() => {
    a.readyState = 1;
    b.readyState = 1;
    a.emit('open', {});
    b.emit('open', {});
  });
  return [a, b];
}
