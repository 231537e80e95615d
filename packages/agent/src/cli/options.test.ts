import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOptions, UsageError } from './options';

describe('command-line options', () => {
  it('take flags first, then environment variables, then defaults', () => {
    const env = { BOSUN_AGENT_URL: 'https://env:1', BOSUN_ACTIVATION_ID: 'env-id', BOSUN_ACTIVATION_CODE: 'env-code', BOSUN_AGENT_STATE_DIR: '/env/state' };
    const fromEnv = readOptions([], env);
    assert.equal(fromEnv.url, 'https://env:1');
    assert.equal(fromEnv.activationId, 'env-id');
    assert.equal(fromEnv.activationCode, 'env-code');
    assert.equal(fromEnv.stateDir, '/env/state');
    const flags = readOptions(['--url', 'https://flag:2', '--state-dir', '/flag'], env);
    assert.equal(flags.url, 'https://flag:2');
    assert.equal(flags.stateDir, '/flag');
    assert.equal(readOptions([], {}).stateDir, '/var/lib/bosun-agent');
    assert.equal(readOptions([], {}).logFormat, 'json');
  });

  it('refuses unknown flags and bad log formats', () => {
    assert.throws(() => readOptions(['--bogus'], {}), UsageError);
    assert.throws(() => readOptions(['--log-format', 'xml'], {}), /json or text/);
  });
});
