/**
 * The local terminal during a shell session: raw mode while it lasts (every key, Ctrl-C
 * included, goes to the remote shell, as with the plugin), the window size on start and on
 * SIGWINCH, and the terminal put back on every way out — normal end, error, signal or exit().
 */
import type { ReadStream } from 'node:tty';

export interface RawTerminal {
  /** Puts the terminal back; safe to call more than once. */
  restore(): void;
}

export function enterRawMode(stdin: ReadStream, onResize: (cols: number, rows: number) => void): RawTerminal {
  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  const sendSize = () => {
    const { columns, rows } = process.stdout;
    if (columns && rows) onResize(columns, rows);
  };
  sendSize();
  process.on('SIGWINCH', sendSize);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('SIGWINCH', sendSize);
    process.off('exit', restore);
    try {
      stdin.setRawMode(wasRaw);
    } catch {
      // the terminal is gone (hang-up): nothing to restore
    }
  };
  // Last resort: whatever ends the process, the user gets a cooked terminal back.
  process.on('exit', restore);
  return { restore };
}
