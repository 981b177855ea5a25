import { afterEach, describe, expect, it } from 'vitest';
import { configureControl, controlEnv, controlEnvironment, resetControlEnv } from './config';

const KEY = Buffer.alloc(32, 7).toString('base64');

// Control reads the environment it is handed, never process.env itself.
describe('configureControl', () => {
  afterEach(() => configureControl(process.env));

  it('parses the environment it is given, on first use, and again after resetControlEnv', () => {
    const env: Record<string, string | undefined> = { DATABASE_URL: 'postgresql://u@h/db', COLO_SECRET_KEY: KEY, COLO_INSTANCE: 'given' };
    configureControl(env);
    expect(controlEnv().COLO_INSTANCE).toBe('given');
    expect(controlEnv().REDIS_URL).toBe('redis://127.0.0.1:6379');
    env.COLO_INSTANCE = 'changed';
    expect(controlEnv().COLO_INSTANCE).toBe('given');
    resetControlEnv();
    expect(controlEnv().COLO_INSTANCE).toBe('changed');
    expect(controlEnvironment()).toBe(env);
  });

  it('names the bad setting of the environment it was given', () => {
    configureControl({ DATABASE_URL: 'postgresql://u@h/db', COLO_SECRET_KEY: 'short' });
    expect(() => controlEnv()).toThrow(/invalid environment:\n {2}COLO_SECRET_KEY: COLO_SECRET_KEY must be 32 bytes/);
  });
});
