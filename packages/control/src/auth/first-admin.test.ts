// First-run setup against a database of its own: it starts with no user at all.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isColoError } from '../errors';
import { type ControlTest, setupControlTest, useCheapPasswordHashes } from '../testing';
import { hasAnyUser, setupFirstAdmin } from './first-admin';
import { userRole } from './roles';
import { signIn } from './users';

// Setup, not the hash: cheap scrypt here; sign-in-cost.test.ts tests the real cost.
beforeAll(() => useCheapPasswordHashes());
let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('first-admin');
});
afterAll(async () => {
  await t?.teardown();
});

async function code(p: Promise<unknown>): Promise<string | undefined> {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  return isColoError(err) ? err.code : String(err);
}

describe('first-run setup', () => {
  it('refuses weak or malformed input before anything exists', async () => {
    expect(await hasAnyUser()).toBe(false);
    expect(await code(setupFirstAdmin({ email: 'a@b.test', name: 'Ann', password: 'short' }))).toBe('bad_request');
    expect(await code(setupFirstAdmin({ email: 'not an email', name: 'Ann', password: 'long enough pass' }))).toBe('bad_request');
    expect(await code(setupFirstAdmin({ email: 'a@b.test', name: '  ', password: 'long enough pass' }))).toBe('bad_request');
    expect(await hasAnyUser()).toBe(false);
  });

  it('creates exactly one admin even when two setups race, and only once', async () => {
    const results = await Promise.allSettled([
      setupFirstAdmin({ email: 'Admin@Example.test', name: 'Ada', password: 'correct horse battery' }),
      setupFirstAdmin({ email: 'other@example.test', name: 'Eve', password: 'another long password' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isColoError(lost.reason) && lost.reason.code).toBe('already_set_up');
    expect(await getPrisma().user.count()).toBe(1);
    expect(await hasAnyUser()).toBe(true);

    const admin = (won[0] as PromiseFulfilledResult<{ id: string; email: string }>).value;
    const password = admin.email === 'admin@example.test' ? 'correct horse battery' : 'another long password';
    expect((await signIn(admin.email, password)).id).toBe(admin.id);
    expect(await userRole(admin.id)).toBe('admin');
    expect(await code(setupFirstAdmin({ email: 'late@example.test', name: 'Late', password: 'long enough pass' }))).toBe('already_set_up');
  });
});
