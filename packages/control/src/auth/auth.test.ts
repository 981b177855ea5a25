import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isColoError } from '../errors';
import { CHEAP_SCRYPT_COST, type ControlTest, setupControlTest, useCheapPasswordHashes } from '../testing';
import { authenticate, createApiToken, revokeApiToken } from './api-tokens';
import { hashPassword, verifyPassword } from './password';
import { authenticateSession, createSession, endSession } from './sessions';
import { createUser, ensureLocalAdmin, signIn } from './users';

// Cheap scrypt here; sign-in-cost.test.ts tests the real cost and that it is the default.
beforeAll(() => useCheapPasswordHashes());
let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('auth');
});
afterAll(async () => {
  await t?.teardown();
});

async function rejects(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  expect(isColoError(err) && err.code).toBe(code);
}

describe('API tokens', () => {
  it('authenticate the token they were issued for, stored only as a hash', async () => {
    const user = await t.user();
    const { token, info } = await createApiToken(user.id, 'cli');
    expect(token).toMatch(/^colo_[a-z0-9]{40}$/);
    expect(info.prefix).toBe(token.slice(0, 12));
    expect(await authenticate(token)).toEqual(user);

    const row = await getPrisma().apiToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuse missing, unknown, malformed and revoked tokens', async () => {
    const user = await t.user();
    const { token, info } = await createApiToken(user.id, 'cli');
    await rejects(authenticate(undefined), 'unauthorized');
    await rejects(authenticate(''), 'unauthorized');
    await rejects(authenticate(`${token}x`), 'unauthorized');
    await rejects(authenticate('x'.repeat(5000)), 'unauthorized');
    await revokeApiToken(user.id, info.id);
    await rejects(authenticate(token), 'unauthorized');
  });

  it('cannot be revoked by another user', async () => {
    const [a, b] = [await t.user(), await t.user()];
    const { token, info } = await createApiToken(a.id, 'cli');
    await rejects(revokeApiToken(b.id, info.id), 'not_found');
    expect((await authenticate(token)).id).toBe(a.id);
  });
});

describe('users', () => {
  it('hash passwords with scrypt and check them', async () => {
    const hash = await hashPassword('correct horse');
    const { N, r, p } = CHEAP_SCRYPT_COST;
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(N), String(r), String(p)]);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('sign in with email and password only when both match', async () => {
    const user = await createUser({ email: 'Pat@Example.test', password: 'long enough pw' });
    expect(user.email).toBe('pat@example.test');
    expect((await signIn('pat@example.test', 'long enough pw')).id).toBe(user.id);
    await rejects(signIn('pat@example.test', 'nope'), 'unauthorized');
    await rejects(signIn('nobody@example.test', 'long enough pw'), 'unauthorized');
    await rejects(createUser({ email: 'pat@example.test' }), 'name_taken');
  });

  it('ensureLocalAdmin creates the user once and issues a working token every time', async () => {
    const first = await ensureLocalAdmin({ email: 'admin@local.test' });
    const second = await ensureLocalAdmin({ email: 'admin@local.test' });
    expect(first.created).toBe(true);
    expect(first.password).toBeTruthy();
    expect(second.created).toBe(false);
    expect(second.password).toBeUndefined();
    expect(second.user.id).toBe(first.user.id);
    expect(second.token).not.toBe(first.token);
    expect((await authenticate(first.token)).id).toBe(first.user.id);
    expect((await authenticate(second.token)).id).toBe(first.user.id);
    expect((await signIn('admin@local.test', first.password!)).id).toBe(first.user.id);
  });
});

describe('sessions', () => {
  it('last until they expire or end', async () => {
    const user = await t.user();
    const live = await createSession(user.id);
    expect((await authenticateSession(live.token)).id).toBe(user.id);
    await endSession(live.token);
    await rejects(authenticateSession(live.token), 'unauthorized');
    const expired = await createSession(user.id, -1000);
    await rejects(authenticateSession(expired.token), 'unauthorized');
  });
});
