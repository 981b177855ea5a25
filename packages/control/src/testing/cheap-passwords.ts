// Sign-in for tests that are not about what a password hash costs: scrypt at N=2^10 (1 MiB, about
// a millisecond) instead of OWASP's N=2^17 (128 MiB, seconds apiece on a loaded build machine).
// The real cost, and that it is the default, is tested in auth/sign-in-cost.test.ts.
import { setScryptCostForTests } from '../auth/password';

export const CHEAP_SCRYPT_COST = { N: 2 ** 10, r: 8, p: 1 } as const;

/**
 * New hashes, the rehash check and the dummy check for unknown emails use CHEAP_SCRYPT_COST in
 * this test file until the returned function restores the real cost (`beforeAll` calls it after
 * the file's tests when it is returned there).
 */
export function useCheapPasswordHashes(): () => void {
  setScryptCostForTests(CHEAP_SCRYPT_COST);
  return () => setScryptCostForTests(undefined);
}
