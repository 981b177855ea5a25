// Sign-in with its brake: real Redis counters per email and per IP, real sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isColoError } from '../errors';
import { type ControlTest, failure, setupControlTest } from '../testing';
import { logIn } from './log-in';
import { authenticateSession, createSession, resumeSession, SESSION_TTL_MS } from './sessions';
import { createUser } from './users';

let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('log-in');
});
afterAll(async () => {
  await t?.teardown();
});

const limits = { maxFailures: 3, windowMs: 60_000 };

describe('logIn', () => {
  it('opens a session for the right password only', async () => {
    const user = await createUser({ email: 'kim@example.test', password: 'kims long password' });
    const ok = await logIn({ email: 'KIM@example.test', password: 'kims long password', ip: '10.0.0.1' }, limits);
    expect(ok.user.id).toBe(user.id);
    expect((await authenticateSession(ok.session.token)).id).toBe(user.id);
    expect((await failure(logIn({ email: 'kim@example.test', password: 'wrong', ip: '10.0.0.1' }, limits))).code).toBe('unauthorized');
  });

  it('refuses an email after too many failures, even with the right password, and says how long', async () => {
    await createUser({ email: 'lee@example.test', password: 'lees long password' });
    for (let i = 0; i < limits.maxFailures; i++) {
      // Different addresses: the per-email counter alone must trip.
      expect((await failure(logIn({ email: 'lee@example.test', password: `guess ${i}`, ip: `10.1.0.${i}` }, limits))).code).toBe('unauthorized');
    }
    const limited = await failure(logIn({ email: 'lee@example.test', password: 'lees long password', ip: '10.1.1.1' }, limits));
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(limited.retryAfter).toBeLessThanOrEqual(60);
    expect(limited.toJSON()).toMatchObject({ code: 'rate_limited', retryAfter: limited.retryAfter });
  });

  it('refuses an address that guesses at many accounts, but not the others', async () => {
    await createUser({ email: 'max@example.test', password: 'maxs long password' });
    for (let i = 0; i < limits.maxFailures; i++) {
      await failure(logIn({ email: `nobody${i}@example.test`, password: 'x', ip: '10.2.0.9' }, limits));
    }
    expect((await failure(logIn({ email: 'max@example.test', password: 'maxs long password', ip: '10.2.0.9' }, limits))).code).toBe('rate_limited');
    expect((await logIn({ email: 'max@example.test', password: 'maxs long password', ip: '10.2.0.10' }, limits)).user.email).toBe('max@example.test');
  });

  it('starts an account’s count over after a good password', async () => {
    await createUser({ email: 'ned@example.test', password: 'neds long password' });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < limits.maxFailures - 1; i++) await failure(logIn({ email: 'ned@example.test', password: 'x', ip: `10.3.${round}.${i}` }, limits));
      await logIn({ email: 'ned@example.test', password: 'neds long password', ip: `10.3.${round}.9` }, limits);
    }
  });
});

describe('a burst of parallel guesses', () => {
  it('gets exactly the allowed number of tries, no more', async () => {
    await createUser({ email: 'burst@example.test', password: 'bursts long password' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => logIn({ email: 'burst@example.test', password: `guess ${i}`, ip: `10.4.0.${i}` }, limits)),
    );
    const codes = results.map((r) => (r.status === 'rejected' && isColoError(r.reason) ? r.reason.code : 'ok'));
    expect(codes.filter((c) => c === 'unauthorized')).toHaveLength(limits.maxFailures);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(20 - limits.maxFailures);
  });
});

describe('sessions', () => {
  it('slide their expiry forward when used after aging', async () => {
    const user = await createUser({ email: 'sly@example.test' });
    const fresh = await createSession(user.id);
    expect((await resumeSession(fresh.token)).renewed).toBe(false);
    const aged = await createSession(user.id, 3600_000);
    const resumed = await resumeSession(aged.token);
    expect(resumed.renewed).toBe(true);
    expect(resumed.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);
    expect((await resumeSession(aged.token)).renewed).toBe(false);
  });
});
