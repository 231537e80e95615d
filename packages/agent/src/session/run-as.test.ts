import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { planRunAs } from './run-as';
import { lookupUser, resolveSessionUser, SessionUserError } from './session-user';

const root = { uid: 0, username: 'root' };
const alice = { uid: 1000, username: 'alice' };

describe('which user a session runs as', () => {
  it('a root agent without Run As uses ssm-user, creating it when missing (AWS)', () => {
    assert.deepEqual(planRunAs({ runAsEnabled: false }, root), { kind: 'user', user: 'ssm-user', create: true });
  });

  it('an agent that is not root runs sessions as itself', () => {
    assert.deepEqual(planRunAs({ runAsEnabled: false, runAsUser: 'bob' }, alice), { kind: 'user', user: 'alice', create: false });
  });

  it('Run As uses the configured user and never creates it', () => {
    assert.deepEqual(planRunAs({ runAsEnabled: true, runAsUser: ' bob ' }, root), { kind: 'user', user: 'bob', create: false });
  });

  it('Run As without a user, or as another user on a non-root agent, is refused with a reason', () => {
    const empty = planRunAs({ runAsEnabled: true, runAsUser: '' }, root);
    assert.equal(empty.kind, 'refused');
    assert.match(empty.kind === 'refused' ? empty.message : '', /runAsDefaultUser/);
    const other = planRunAs({ runAsEnabled: true, runAsUser: 'bob' }, alice);
    assert.match(other.kind === 'refused' ? other.message : '', /must run as root/);
    assert.deepEqual(planRunAs({ runAsEnabled: true, runAsUser: 'alice' }, alice), { kind: 'user', user: 'alice', create: false });
  });

  it('elevated commands run as the agent itself', () => {
    assert.deepEqual(planRunAs({ runAsEnabled: true, runAsUser: 'bob', elevated: true }, root), { kind: 'user', user: 'root', create: false });
  });

  it('a Run As user that does not exist fails the session with its name', async () => {
    await assert.rejects(resolveSessionUser({ runAsEnabled: true, runAsUser: os.userInfo().uid === 0 ? 'no-such-user-b0sun' : os.userInfo().username + 'x' }), (error: Error) => {
      assert.ok(error instanceof SessionUserError);
      assert.match(error.message, os.userInfo().uid === 0 ? /no-such-user-b0sun does not exist/ : /must run as root/);
      return true;
    });
    assert.equal(await lookupUser('-rf'), undefined);
  });

  it('a root agent creates ssm-user once and runs as it', { skip: os.userInfo().uid !== 0 && 'needs root' }, async () => {
    const [a, b] = await Promise.all([resolveSessionUser({ runAsEnabled: false }), resolveSessionUser({ runAsEnabled: false })]);
    assert.equal(a.name, 'ssm-user');
    assert.ok(a.uid > 0);
    assert.deepEqual(a, b);
    assert.deepEqual(await lookupUser('ssm-user'), a);
  });
});
