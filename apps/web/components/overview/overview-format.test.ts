import { describe, expect, it } from 'vitest';
import { ago, formatCores, healthTone, percent } from './overview-format';

describe('overview words', () => {
  it('maps health to a tone and formats amounts', () => {
    expect(healthTone('healthy')).toBe('green');
    expect(healthTone('degraded')).toBe('amber');
    expect(healthTone('unhealthy')).toBe('red');
    expect(healthTone(undefined)).toBe('gray');
    expect(formatCores(0.034)).toBe('0.03');
    expect(formatCores(1.25)).toBe('1.3');
    expect(percent(3, 4)).toBe(75);
    expect(percent(9, 4)).toBe(100);
    expect(percent(1, 0)).toBe(0);
    expect(ago(new Date(1_000_000 - 125_000), 1_000_000)).toBe('2 min ago');
  });
});
