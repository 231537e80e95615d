/** Plays an asciicast recording's output events with their timing (like `asciinema play`). */
import type { Asciicast } from '@bosun/protocol/session/asciicast';

export interface PlayOptions {
  /** Times faster than recorded. */
  speed: number;
  /** false: write everything at once. */
  wait: boolean;
  /** Longer pauses are shortened to this many seconds. */
  maxPauseSeconds?: number;
}

export async function playAsciicast(cast: Asciicast, write: (text: string) => void, options: PlayOptions): Promise<void> {
  let clock = 0; // recorded seconds already played
  const started = Date.now();
  let shift = 0; // seconds cut from long pauses so far
  for (const [time, type, data] of cast.events) {
    if (type !== 'o') continue;
    if (options.wait) {
      const pause = time - shift - clock;
      if (options.maxPauseSeconds !== undefined && pause > options.maxPauseSeconds) shift += pause - options.maxPauseSeconds;
      clock = time - shift;
      // Against the start, not the previous event, so many small sleeps do not drift.
      const due = started + (clock * 1000) / options.speed;
      const wait = due - Date.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
    write(data);
  }
}
