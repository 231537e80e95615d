/**
 * The WebSocket both session ends run over: the browser's WebSocket and the `ws` package's both
 * fit this shape (addEventListener, binaryType, send, close).
 */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: any) => void): void;
}

export const WEBSOCKET_OPEN = 1;

/** Binary message data as bytes, whatever the implementation hands over; null for text. */
export function messageBytes(data: unknown): Uint8Array | null {
  if (typeof data === 'string') return null;
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) {
    // ws with binaryType 'fragments'
    const parts = data.map((p) => messageBytes(p) ?? new Uint8Array(0));
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
  return null;
}

/** Wires a socket to a session end: binary messages in, open and close reported. */
export function bindSocket(
  socket: WebSocketLike,
  handlers: { open(): void; frame(bytes: Uint8Array): void; text?(text: string): void; close(code: number, reason: string): void },
): void {
  try {
    socket.binaryType = 'arraybuffer';
  } catch {
    // some implementations fix the binary type; messageBytes copes with all of them
  }
  socket.addEventListener('message', (event: { data: unknown }) => {
    const bytes = messageBytes(event.data);
    if (bytes) handlers.frame(bytes);
    else if (typeof event.data === 'string') handlers.text?.(event.data);
  });
  socket.addEventListener('close', (event: { code?: number; reason?: unknown }) =>
    handlers.close(event.code ?? 1006, String(event.reason ?? '')),
  );
  if (socket.readyState === WEBSOCKET_OPEN) handlers.open();
  else socket.addEventListener('open', () => handlers.open());
}
