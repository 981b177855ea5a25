import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance, MAX_SUGGESTIONS, Suggestions } from './closest-match';

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

describe('Suggestions', () => {
  it('looks each word up once per candidate set', () => {
    const suggestions = new Suggestions();
    let reads = 0;
    const names = () => {
      reads++;
      return ['web', 'db'];
    };
    for (let i = 0; i < 1000; i++) expect(suggestions.didYouMean('appliances', 'wab', names)).toBe(' (did you mean "web"?)');
    expect(reads).toBe(1);
    expect(suggestions.didYouMean('classes', 'wab', () => ['halb'])).toBe('');
    expect(reads).toBe(1);
  });

  it('stops suggesting after its budget, so a flood of unknown names costs nothing more', () => {
    const suggestions = new Suggestions();
    let reads = 0;
    const names = () => {
      reads++;
      return ['a0'];
    };
    for (let i = 0; i < 5000; i++) suggestions.didYouMean('appliances', `a${i}`, names);
    expect(reads).toBe(MAX_SUGGESTIONS);
    expect(suggestions.didYouMean('appliances', 'a1', names)).toBe(' (did you mean "a0"?)');
    expect(suggestions.didYouMean('appliances', 'a9999', names)).toBe('');
  });
});

describe('closestMatch keeps the earliest of the nearest', () => {
  it('prefers a nearer candidate found later, and the first of equals', () => {
    expect(closestMatch('Web', ['wez', 'web'])).toBe('web');
    expect(closestMatch('abcdef', ['abcxyf', 'abcdxf', 'abcdeg'])).toBe('abcdxf');
  });
});
