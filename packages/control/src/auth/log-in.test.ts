// Sign-in with its brake: real Redis counters per email and per IP, real sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isColoError } from '../errors';
import { type ControlTest, failure, setupControlTest, useCheapPasswordHashes } from '../testing';
import { logIn } from './log-in';
import { authenticateSession, createSession, resumeSession, SESSION_TTL_MS } from './sessions';
import { createUser } from './users';

// The brake, not the hash: cheap scrypt here; sign-in-cost.test.ts tests the real cost.
beforeAll(() => useCheapPasswordHashes());
let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('log-in');
});
afterAll(async () => {
  await t?.teardown();
});

const limits = { maxFailures: 3, maxAddressFailures: 6, windowMs: 60_000 };

describe('logIn', () => {
  it('opens a session for the right password only', async () => {
    const user = await createUser({ email: 'kim@example.test', password: 'kims long password' });
    const ok = await logIn({ email: 'KIM@example.test', password: 'kims long password', ip: '10.0.0.1' }, limits);
    expect(ok.user.id).toBe(user.id);
    expect((await authenticateSession(ok.session.token)).id).toBe(user.id);
    expect((await failure(logIn({ email: 'kim@example.test', password: 'wrong', ip: '10.0.0.1' }, limits))).code).toBe('unauthorized');
  });

  it('refuses an email from the address that guessed at it, even with the right password, and says how long', async () => {
    await createUser({ email: 'lee@example.test', password: 'lees long password' });
    for (let i = 0; i < limits.maxFailures; i++) {
      expect((await failure(logIn({ email: 'lee@example.test', password: `guess ${i}`, ip: '10.1.0.1' }, limits))).code).toBe('unauthorized');
    }
    const limited = await failure(logIn({ email: 'lee@example.test', password: 'lees long password', ip: '10.1.0.1' }, limits));
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(limited.retryAfter).toBeLessThanOrEqual(60);
    expect(limited.toJSON()).toMatchObject({ code: 'rate_limited', retryAfter: limited.retryAfter });
  });

  it('does not lock the owner out from elsewhere while someone floods their email', async () => {
    await createUser({ email: 'ola@example.test', password: 'olas long password' });
    for (let i = 0; i < limits.maxFailures + 5; i++) await failure(logIn({ email: 'ola@example.test', password: `guess ${i}`, ip: '10.5.0.66' }, limits));
    expect((await failure(logIn({ email: 'ola@example.test', password: 'olas long password', ip: '10.5.0.66' }, limits))).code).toBe('rate_limited');
    expect((await logIn({ email: 'ola@example.test', password: 'olas long password', ip: '10.5.0.7' }, limits)).user.email).toBe('ola@example.test');
  });

  it('counts the email alone when the address is unknown', async () => {
    await createUser({ email: 'una@example.test', password: 'unas long password' });
    for (let i = 0; i < limits.maxFailures; i++) await failure(logIn({ email: 'una@example.test', password: `guess ${i}` }, limits));
    expect((await failure(logIn({ email: 'una@example.test', password: 'unas long password' }, limits))).code).toBe('rate_limited');
  });

  it('refuses an address that guesses at many accounts, but not the others', async () => {
    await createUser({ email: 'max@example.test', password: 'maxs long password' });
    for (let i = 0; i < limits.maxAddressFailures; i++) {
      await failure(logIn({ email: `nobody${i}@example.test`, password: 'x', ip: '10.2.0.9' }, limits));
    }
    expect((await failure(logIn({ email: 'max@example.test', password: 'maxs long password', ip: '10.2.0.9' }, limits))).code).toBe('rate_limited');
    expect((await logIn({ email: 'max@example.test', password: 'maxs long password', ip: '10.2.0.10' }, limits)).user.email).toBe('max@example.test');
  });

  it('starts an account’s count over after a good password', async () => {
    await createUser({ email: 'ned@example.test', password: 'neds long password' });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < limits.maxFailures - 1; i++) await failure(logIn({ email: 'ned@example.test', password: 'x', ip: '10.3.0.1' }, limits));
      await logIn({ email: 'ned@example.test', password: 'neds long password', ip: '10.3.0.1' }, limits);
    }
  });
});

describe('a burst of parallel guesses', () => {
  it('gets exactly the allowed number of tries, no more', async () => {
    await createUser({ email: 'burst@example.test', password: 'bursts long password' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => logIn({ email: 'burst@example.test', password: `guess ${i}`, ip: '10.4.0.1' }, limits)),
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
