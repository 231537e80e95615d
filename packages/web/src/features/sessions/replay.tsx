import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { parseAsciicast, type Asciicast } from '@bosun/protocol/session/asciicast';
import { ErrorNote } from '../../ui/error-note';

/** Pauses longer than this are shortened: a replay shows what happened, not the idle time. */
const MAX_PAUSE_MS = 1000;

/** Plays a session's asciicast v2 recording (from DescribeSessions' OutputUrl) in a terminal. */
export default function Replay({ url }: { url: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [cast, setCast] = useState<Asciicast>();
  const [error, setError] = useState<unknown>();
  const [run, setRun] = useState(0);
  const [speed, setSpeed] = useState(2);
  const [done, setDone] = useState(false);

  useEffect(() => {
    // The link is signed and names the server as it knows itself; fetch it from this origin.
    const u = new URL(url, window.location.origin);
    fetch(`${u.pathname}${u.search}`)
      .then(async (r) => {
        if (!r.ok) throw new Error(`The recording could not be fetched (${r.status} ${r.statusText}).`);
        setCast(parseAsciicast(await r.text()));
      })
      .catch(setError);
  }, [url]);

  useEffect(() => {
    if (!cast) return;
    const term = new Terminal({ cols: cast.header.width, rows: cast.header.height, disableStdin: true, fontSize: 13, fontFamily: 'ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace' });
    term.open(host.current!);
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setDone(false);
    let i = 0;
    let previous = 0;
    // Plays events in order; `dueNow` says the event at `i` has waited its turn already.
    const tick = (dueNow: boolean) => {
      if (cancelled) return;
      while (i < cast.events.length) {
        const [t, type, data] = cast.events[i];
        const wait = Math.min((t - previous) * 1000, MAX_PAUSE_MS) / speed;
        if (wait > 5 && !dueNow) {
          timer = setTimeout(() => tick(true), wait);
          return;
        }
        dueNow = false;
        previous = t;
        apply(term, type, data);
        i++;
      }
      setDone(true);
    };
    tick(false);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      term.dispose();
    };
  }, [cast, run, speed]);

  return (
    <div className="card">
      <div className="toolbar">
        <button onClick={() => setRun((r) => r + 1)}>{done ? 'Replay again' : 'Restart'}</button>
        <label className="inline">Speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {[1, 2, 4, 8].map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        {cast ? <span className="muted small">{cast.header.width}×{cast.header.height}, {cast.events.length} events</span> : null}
        {done ? <span className="status status-ok" data-testid="replay-done">done</span> : null}
      </div>
      <ErrorNote error={error} />
      <div className="terminal-host replay" ref={host} data-testid="replay" />
    </div>
  );
}

function apply(term: Terminal, type: string, data: string): void {
  if (type === 'o') term.write(data);
  else if (type === 'r') {
    const m = /^(\d+)x(\d+)$/.exec(data);
    if (m) term.resize(Number(m[1]), Number(m[2]));
  }
}
