import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from './closest-match';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('web-phq', 'web-php')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('gives up past the limit', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(Number.POSITIVE_INFINITY);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('closestMatch', () => {
  const ids = ['halb', 'web-php', 'nas', 'postgres'];

  it('finds near typos', () => {
    expect(closestMatch('web-phq', ids)).toBe('web-php');
    expect(closestMatch('postgre', ids)).toBe('postgres');
    expect(closestMatch('Replicas', ['replicas', 'resources'])).toBe('replicas');
  });

  it('suggests nothing for unrelated words', () => {
    expect(closestMatch('mysql', ids)).toBeUndefined();
    expect(closestMatch('x'.repeat(10_000), ids)).toBeUndefined();
  });

  it('formats a hint, or nothing', () => {
    expect(didYouMean('web-phq', ids)).toBe(' (did you mean "web-php"?)');
    expect(didYouMean('zzz', ids)).toBe('');
  });
});
