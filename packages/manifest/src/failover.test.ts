import { describe, expect, it } from 'vitest';
import { failoverPolicy, failureWindowMs } from './failover';
import { createCatalog } from './memory-catalog';
import { stringifyManifest } from './stringify-manifest';
import { validateManifest } from './validate-manifest';

const catalog = createCatalog([]);

function errorsFor(failover: unknown) {
  const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'shop', appliances: [{ name: 'web', class: 'nope', failover }] };
  // The class is unknown on purpose: only the failover messages matter here.
  return validateManifest(manifest, catalog, { mode: 'edit' }).errors.filter((e) => e.path.includes('failover'));
}

describe('failover (the flap guard per appliance)', () => {
  it('defaults to AppLogic\'s rule: 3 failures in 24 hours', () => {
    expect(failoverPolicy(undefined)).toEqual({ maxFailures: 3, windowMs: 24 * 3_600_000, window: '24h' });
    expect(failoverPolicy({ maxFailures: 5 })).toEqual({ maxFailures: 5, windowMs: 24 * 3_600_000, window: '24h' });
    expect(failoverPolicy({ window: '30m' })).toEqual({ maxFailures: 3, windowMs: 30 * 60_000, window: '30m' });
  });

  it('reads windows in seconds, minutes, hours and days', () => {
    expect(failureWindowMs('90s')).toBe(90_000);
    expect(failureWindowMs('7d')).toBe(7 * 86_400_000);
    expect(failureWindowMs('24')).toBeUndefined();
    expect(failureWindowMs('1.5h')).toBeUndefined();
  });

  it('accepts a valid setting', () => {
    expect(errorsFor({ maxFailures: 5, window: '1h' })).toEqual([]);
  });

  it('names the field and the rule for each bad value', () => {
    expect(errorsFor({ maxFailures: 0 })).toMatchObject([{ path: 'appliances[0].failover.maxFailures', message: 'must be at least 1' }]);
    expect(errorsFor({ window: 'a day' })).toMatchObject([
      { path: 'appliances[0].failover.window', message: 'must be a duration like "30m", "24h" or "7d"' },
    ]);
    expect(errorsFor({ window: '10s' })).toMatchObject([{ path: 'appliances[0].failover.window', message: 'must be between 1m and 30d' }]);
    expect(errorsFor({ window: '90d' })).toMatchObject([{ path: 'appliances[0].failover.window', message: 'must be between 1m and 30d' }]);
    expect(errorsFor({ restarts: 2 })).toMatchObject([{ path: 'appliances[0].failover.restarts', message: 'unknown key "restarts"' }]);
  });

  it('is written back in contract key order', () => {
    const text = stringifyManifest({
      apiVersion: 'colo/v1',
      kind: 'VDC',
      name: 'shop',
      appliances: [{ name: 'web', class: 'web-php', failover: { window: '1h', maxFailures: 2 } }],
    });
    expect(text).toContain('failover: { maxFailures: 2, window: 1h }');
  });
});
