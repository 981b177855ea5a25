// The ColoError a promise rejects with, for tests that assert on its code and details.
import { type ColoError, isColoError } from '../errors';

/** Throws if the promise resolves or rejects with anything but a ColoError. */
export async function failure(p: Promise<unknown>): Promise<ColoError> {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  if (!isColoError(err)) throw new Error(`expected a ColoError, got ${String(err)}`);
  return err;
}
