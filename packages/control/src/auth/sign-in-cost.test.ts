// What a sign-in costs: today's scrypt parameters, the same work for an unknown email as for a
// known one (counted as scrypt calls, not timed), and old hashes upgraded at the next good sign-in.
// The only test file that runs sign-in at full cost: the others lower it (useCheapPasswordHashes),
// so the last test here checks that lowering is exact and undone.
import * as crypto from 'node:crypto';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isColoError } from '../errors';
import { type ControlTest, setupControlTest, useCheapPasswordHashes } from '../testing';
import { hashPassword, needsRehash, SCRYPT_COST, verifyPassword } from './password';
import { createUser, signIn } from './users';

const calls: { N?: number }[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    scrypt: (...args: Parameters<typeof real.scrypt>) => {
      calls.push({ N: (args[3] as crypto.ScryptOptions).N });
      return real.scrypt(...args);
    },
  };
});


// Each sign-in runs a full-cost scrypt: seconds apiece on a loaded build machine.
vi.setConfig({ testTimeout: 300_000 });
let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('sign-in-cost');
});
afterAll(async () => {
  await t?.teardown();
});
beforeEach(() => {
  calls.length = 0;
});

/** A hash in the old format with the old, cheaper parameters (N=2^14). */
function oldHash(password: string): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

async function refused(p: Promise<unknown>): Promise<boolean> {
  return p.then(
    () => false,
    (e) => isColoError(e, 'unauthorized'),
  );
}

describe('password hashes', () => {
  it("use OWASP's scrypt parameters (N=2^17, r=8, p=1) unless a test lowers them, and still verify", async () => {
    expect(SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(needsRehash(hash)).toBe(false);
    expect(needsRehash(oldHash('x'))).toBe(true);
  });

  it('refuse a stored hash that asks for absurd memory instead of trying', async () => {
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('signing in', () => {
  it('spends one full-cost scrypt on an unknown email, as on a known one', async () => {
    await createUser({ email: 'known@example.test', password: 'known long password' });
    calls.length = 0;
    expect(await refused(signIn('known@example.test', 'wrong password'))).toBe(true);
    const known = calls.splice(0);
    expect(await refused(signIn('unknown@example.test', 'wrong password'))).toBe(true);
    const unknown = calls.filter((c) => c.N === SCRYPT_COST.N);
    expect(known).toEqual([{ N: SCRYPT_COST.N }]);
    // The first unknown email also makes the dummy hash once; every one verifies against it.
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    calls.length = 0;
    expect(await refused(signIn('unknown2@example.test', 'wrong password'))).toBe(true);
    expect(calls).toEqual([{ N: SCRYPT_COST.N }]);
  });

  it('upgrades an old hash at the next good sign-in, and the password keeps working', async () => {
    const user = await createUser({ email: 'old@example.test' });
    await getPrisma().user.update({ where: { id: user.id }, data: { passwordHash: oldHash('an old long password') } });
    expect(await refused(signIn('old@example.test', 'wrong password'))).toBe(true);
    expect((await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^scrypt\$16384\$/);
    expect((await signIn('old@example.test', 'an old long password')).id).toBe(user.id);
    const upgraded = (await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await signIn('old@example.test', 'an old long password')).id).toBe(user.id);
  });
});

describe('the cheaper cost of the other tests', () => {
  it('hashes at the lowered cost and keeps such a hash at sign-in, until the real cost is back', async () => {
    const restore = useCheapPasswordHashes();
    let cheap: string;
    try {
      const user = await createUser({ email: 'cheap@example.test', password: 'a cheap long password' });
      const stored = async () => (await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
      cheap = await stored();
      expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
      calls.length = 0;
      expect((await signIn('cheap@example.test', 'a cheap long password')).id).toBe(user.id);
      expect(await refused(signIn('nobody@example.test', 'wrong password'))).toBe(true);
      // A hash at the cost in force is not rehashed at sign-in (one check, no new hash); the unknown
      // email's dummy is made and checked at that cost too.
      expect(await stored()).toBe(cheap);
      expect(calls).toEqual([{ N: 1024 }, { N: 1024 }, { N: 1024 }]);
    } finally {
      restore();
    }
    expect(needsRehash(cheap)).toBe(true);
  });
});
