import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from './line-diff';

describe('diffLines', () => {
  it('keeps common lines and marks what was removed and added, in order', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'same', text: 'd' },
      { kind: 'added', text: 'e' },
    ]);
    expect(diffLines([], ['a'])).toEqual([{ kind: 'added', text: 'a' }]);
    expect(diffLines(['a'], ['a'])).toEqual([{ kind: 'same', text: 'a' }]);
  });

  it('finds a shortest edit for moved lines (the longest common subsequence stays)', () => {
    const d = diffLines(['x', 'a', 'b', 'c'], ['a', 'b', 'c', 'x']);
    expect(d.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'x' },
      { kind: 'added', text: 'x' },
    ]);
  });
});

describe('unifiedDiff', () => {
  const v1 = 'name: shop\nappliances:\n  - name: web\n    replicas: 3\n  - name: db\n';
  const v2 = 'name: shop\nappliances:\n  - name: web\n    replicas: 5\n  - name: db\n  - name: cache\n';

  it('prints hunks with line numbers and context, like diff -u', () => {
    expect(unifiedDiff('shop@1', 'shop@2', v1, v2, 1)).toEqual([
      '--- shop@1',
      '+++ shop@2',
      '@@ -3,3 +3,4 @@',
      '   - name: web',
      '-    replicas: 3',
      '+    replicas: 5',
      '   - name: db',
      '+  - name: cache',
    ]);
  });

  it('is empty for equal texts and splits far-apart changes into hunks', () => {
    expect(unifiedDiff('a', 'b', v1, v1)).toEqual([]);
    const long = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const changed = long.map((l, i) => (i === 2 || i === 25 ? `${l}!` : l));
    const hunks = unifiedDiff('a', 'b', long.join('\n'), changed.join('\n')).filter((l) => l.startsWith('@@'));
    expect(hunks).toEqual(['@@ -1,6 +1,6 @@', '@@ -23,7 +23,7 @@']);
  });
});
