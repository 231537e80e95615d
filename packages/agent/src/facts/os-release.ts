/** PlatformName / PlatformVersion from /etc/os-release, the way the SSM agent reports them. */
import fs from 'node:fs';

export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    let value = match[2];
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    fields[match[1]] = value;
  }
  return fields;
}

export interface OsPlatform {
  platformName: string;
  platformVersion: string;
}

// AWS: PlatformName is os-release NAME ("Ubuntu", "Debian GNU/Linux", "Amazon Linux") and
// PlatformVersion is VERSION_ID ("22.04", "12", "2023").
export function readOsPlatform(file = '/etc/os-release'): OsPlatform {
  for (const candidate of [file, '/usr/lib/os-release']) {
    try {
      const fields = parseOsRelease(fs.readFileSync(candidate, 'utf8'));
      return { platformName: fields.NAME ?? 'Linux', platformVersion: fields.VERSION_ID ?? '' };
    } catch {
      // try the next location; containers and minimal systems may have neither
    }
  }
  return { platformName: 'Linux', platformVersion: '' };
}
