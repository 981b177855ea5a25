// Password hashing for web sign-in: scrypt from node:crypto, parameters stored with the hash so
// they can be raised without invalidating old hashes (an old hash is rehashed at its owner's next
// good sign-in).
import { randomBytes, type ScryptOptions, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's current scrypt guidance: N=2^17, r=8, p=1 (128 MiB and a few hundred ms per hash). */
export const SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
/** Hashes claiming more than this are refused rather than allowed to take a gigabyte. */
const MAX_N = 2 ** 20;

// What new hashes are made with and old ones measured against: SCRYPT_COST, except in a test that
// lowered it through `@colo/control/testing`. No variable or setting reaches it.
let cost: ScryptCost = SCRYPT_COST;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** scrypt needs 128·N·r bytes; Node refuses above maxmem, so give it that with room to spare. */
function maxmem(n: number, r: number): number {
  return 128 * n * r + 16 * 1024 * 1024;
}

/** `scrypt$N$r$p$<salt b64>$<hash b64>` */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = cost;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): { n: number; r: number; p: number; salt: Buffer; expected: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const expected = Buffer.from(parts[5], 'base64');
  if (![n, r, p].every(Number.isInteger) || n > MAX_N || r > 32 || p > 16 || expected.length === 0) return undefined;
  return { n, r, p, salt: Buffer.from(parts[4], 'base64'), expected };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const key = await scrypt(password, h.salt, h.expected.length, { N: h.n, r: h.r, p: h.p, maxmem: maxmem(h.n, h.r) }).catch(() => undefined);
  return key !== undefined && timingSafeEqual(key, h.expected);
}

/** True for a hash made with weaker parameters than today's: rehash it once the password is known. */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.n < cost.N || h.r < cost.r || h.p < cost.p;
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same time a real check would, for an email that has no account (or no password):
 * the answer's timing must not tell which emails exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummy);
  return false;
}

/**
 * Tests only, through `useCheapPasswordHashes` in `@colo/control/testing` (not exported by the
 * package): hash with `next`, or SCRYPT_COST again when undefined. The dummy hash of unknown
 * emails is remade at the new cost.
 */
export function setScryptCostForTests(next: ScryptCost | undefined): void {
  cost = next ?? SCRYPT_COST;
  dummy = undefined;
}
