import { describe, expect, it } from 'vitest';
import { DNS_LABEL } from '@colo/manifest';
import { freshName, toDnsLabel } from './fresh-name';

describe('freshName', () => {
  it('uses the base when it is free', () => {
    expect(freshName('web', new Set())).toBe('web');
  });

  it('numbers copies from 2 and never repeats a taken name', () => {
    expect(freshName('web', new Set(['web']))).toBe('web-2');
    expect(freshName('web', new Set(['web', 'web-2']))).toBe('web-3');
    expect(freshName('web-2', new Set(['web', 'web-2']))).toBe('web-3');
  });

  it('stays a DNS label of at most 32 characters', () => {
    const long = 'a'.repeat(32);
    const name = freshName(long, new Set([long]));
    expect(name).toMatch(DNS_LABEL);
    expect(name.length).toBeLessThanOrEqual(32);
    expect(name.endsWith('-2')).toBe(true);
  });

  it('turns anything into a DNS label', () => {
    expect(toDnsLabel('Web Server #1')).toBe('web-server-1');
    expect(toDnsLabel('42nd')).toBe('nd');
    expect(toDnsLabel('---')).toBe('app');
  });
});
