import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the AWS CLI and SDKs look, honouring the same environment variables they do. */
export function awsFiles(env: NodeJS.ProcessEnv = process.env): { credentials: string; config: string } {
  const dir = path.join(os.homedir(), '.aws');
  return {
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(dir, 'credentials'),
    config: env.AWS_CONFIG_FILE ?? path.join(dir, 'config'),
  };
}

/**
 * Replaces (or appends) one `[section]` of an INI file, keeping every other section as it was.
 * The file is (re)written with mode 0600: it may hold secret keys.
 */
export function writeIniSection(file: string, section: string, values: Record<string, string>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const lines = before.split('\n');
  const kept: string[] = [];
  let inTarget = false;
  for (const line of lines) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) inTarget = header[1].trim() === section;
    if (!inTarget) kept.push(line);
  }
  while (kept.length && kept[kept.length - 1].trim() === '') kept.pop();
  const block = [`[${section}]`, ...Object.entries(values).map(([k, v]) => `${k} = ${v}`)];
  const text = (kept.length ? kept.join('\n') + '\n\n' : '') + block.join('\n') + '\n';
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}

/** Reads one section of an INI file, or undefined when the file or section is missing. */
export function readIniSection(file: string, section: string): Record<string, string> | undefined {
  if (!fs.existsSync(file)) return undefined;
  let inTarget = false;
  let found: Record<string, string> | undefined;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      inTarget = header[1].trim() === section;
      if (inTarget) found = {};
      continue;
    }
    const kv = /^\s*([^=#;]+?)\s*=\s*(.*)$/.exec(line);
    if (inTarget && kv && found) found[kv[1]] = kv[2].trim();
  }
  return found;
}
