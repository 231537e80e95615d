/**
 * A diagnostic: with BOSUN_SESSION_TRACE=<directory> in the environment, each Node process on
 * the session path (bench client, server relay, agent, bosun CLI) notes when a frame passes
 * each hop, on the machine's monotonic clock (process.hrtime, the same clock in every process
 * of one machine), plus its garbage-collection pauses, and writes them at exit to
 * <directory>/<name>-<pid>.tsv (milliseconds, label). `npm run bench:sessions -- --trace DIR`
 * sets it and reads the files back. Without the variable `trace` is null and costs one check.
 *
 * Isomorphic like the rest of this folder: Node built-ins come through process.getBuiltinModule,
 * so browsers see only `trace === null`.
 */
type Proc = {
  env?: Record<string, string | undefined>;
  pid?: number;
  hrtime?: { bigint(): bigint };
  getBuiltinModule?: (id: string) => unknown;
  on?: (event: string, listener: () => void) => void;
};

const proc = (globalThis as { process?: Proc }).process;
const dir = proc?.env?.BOSUN_SESSION_TRACE;

function makeTrace(): ((label: string) => void) | null {
  if (!dir || !proc?.hrtime || !proc.getBuiltinModule || !proc.on) return null;
  const fs = proc.getBuiltinModule('node:fs') as { writeFileSync(file: string, text: string): void; mkdirSync(d: string, o: { recursive: true }): void };
  const hooks = proc.getBuiltinModule('node:perf_hooks') as {
    performance: { now(): number };
    PerformanceObserver: new (cb: (list: { getEntries(): { startTime: number; duration: number; detail?: { kind?: number } }[] }) => void) => { observe(o: { entryTypes: string[] }): void };
  };
  const hr = proc.hrtime;
  const now = () => Number(hr.bigint()) / 1e6;
  /** performance.now() → the hrtime clock, for GC entries. */
  const offset = now() - hooks.performance.now();
  const times: number[] = [];
  const labels: string[] = [];
  let name = 'process';
  try {
    new hooks.PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        times.push(e.startTime + offset);
        labels.push(`gc ${e.duration.toFixed(3)} kind ${e.detail?.kind ?? '?'}`);
      }
    }).observe({ entryTypes: ['gc'] });
  } catch {
    // no GC entries on this runtime
  }
  proc.on('exit', () => {
    if (times.length === 0) return;
    fs.mkdirSync(dir, { recursive: true });
    let text = '';
    for (let i = 0; i < times.length; i++) text += `${times[i].toFixed(4)}\t${labels[i]}\n`;
    fs.writeFileSync(`${dir}/${name}-${proc.pid}.tsv`, text);
  });
  const trace = (label: string) => {
    if (label.startsWith('name ')) {
      name = label.slice(5);
      return;
    }
    times.push(now());
    labels.push(label);
  };
  return trace;
}

/** Notes `label` at this instant (null unless BOSUN_SESSION_TRACE is set); `trace('name x')` names the file. */
export const trace = makeTrace();
