import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseOsRelease, readOsPlatform } from './os-release';

describe('os-release', () => {
  it('reads NAME and VERSION_ID, quoted or not, ignoring comments', () => {
    const fields = parseOsRelease('# comment\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nPRETTY_NAME=\'Ubuntu 22.04.4 LTS\'\n');
    assert.equal(fields.NAME, 'Ubuntu');
    assert.equal(fields.VERSION_ID, '22.04');
    assert.equal(fields.ID, 'ubuntu');
    assert.equal(fields.PRETTY_NAME, 'Ubuntu 22.04.4 LTS');
  });

  it('reports PlatformName/PlatformVersion from the file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'os-release-')), 'os-release');
    fs.writeFileSync(file, 'NAME="Amazon Linux"\nVERSION_ID="2023"\n');
    assert.deepEqual(readOsPlatform(file), { platformName: 'Amazon Linux', platformVersion: '2023' });
  });
});
