import { describe, expect, it } from 'vitest';
import { toColoError } from './classify-error';

describe('toColoError', () => {
  it('retries when Postgres went away under the run, and says so', () => {
    for (const error of [
      new Error('Client has encountered a connection error and is not queryable'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('driver error'), { cause: { code: '08006' } }),
    ]) {
      const coded = toColoError(error);
      expect(coded.retryable, error.message).toBe(true);
      expect(coded.message).toMatch(/^the database connection was lost \(/);
    }
  });

  it('does not retry an ordinary failure', () => {
    expect(toColoError(new Error('boom')).retryable).toBe(false);
    expect(toColoError(Object.assign(new Error('unique violation'), { code: '23505' })).retryable).toBe(false);
  });
});
