import crypto from 'node:crypto';
import type net from 'node:net';

/** Reads everything `socket` still delivers (resuming it) up to its end: the SHA-256 and the length. */
export function readToEnd(socket: net.Socket): Promise<{ sha: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  return new Promise((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    socket.once('end', () => resolve({ sha: hash.digest('hex'), bytes }));
    socket.once('error', reject);
    socket.resume();
  });
}
