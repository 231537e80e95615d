import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay } from './backoff';

describe('reconnect backoff', () => {
  it('doubles from about a second and stays within [half, full] of each step', () => {
    for (const [attempt, ceiling] of [[0, 1000], [1, 2000], [2, 4000], [5, 32000]] as const) {
      assert.equal(backoffDelay(attempt, { random: () => 0 }), ceiling / 2);
      assert.equal(backoffDelay(attempt, { random: () => 0.999999 }), ceiling);
    }
  });

  it('is capped at about a minute however long the server is down', () => {
    for (const attempt of [6, 10, 100, 10_000]) assert.ok(backoffDelay(attempt) <= 60_000);
    assert.ok(backoffDelay(50, { random: () => 0 }) >= 30_000);
  });

  it('spreads a fleet: a thousand agents reconnecting at once do not pick the same moment', () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelay(3));
    assert.ok(new Set(delays).size > 500);
    assert.ok(Math.min(...delays) >= 4000 && Math.max(...delays) <= 8000);
  });
});
