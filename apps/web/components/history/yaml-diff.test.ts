import { describe, expect, it } from 'vitest';
import { countChanges, diffTexts, foldUnchanged, isFold, manifestYaml, type NumberedLine, sideBySide } from './yaml-diff';

const v1 = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'shop',
  appliances: [
    { name: 'lb', class: 'halb' },
    { name: 'web', class: 'web-php', replicas: 2 },
  ],
  connections: [{ from: 'lb.out', to: 'web.in' }],
  visual: { lb: { x: 0, y: 0 }, web: { x: 320, y: 0 } },
};
const v2 = {
  ...v1,
  appliances: [
    { name: 'lb', class: 'halb' },
    { name: 'web', class: 'web-php', replicas: 3 },
  ],
  visual: { lb: { x: 0, y: 0 }, web: { x: 400, y: 80 } },
};

describe('manifestYaml', () => {
  it('is the canonical YAML, with the layout only when asked', () => {
    const text = manifestYaml(v1);
    expect(text).toContain('replicas: 2');
    expect(text).not.toContain('visual');
    expect(manifestYaml(v1, { layout: true })).toContain('visual:');
    // Canonical: key order in the input does not change the text.
    expect(manifestYaml(Object.fromEntries(Object.entries(v1).reverse()))).toBe(text);
    expect(manifestYaml(undefined)).toBe('');
  });
});

describe('diffTexts', () => {
  it('numbers each line on its side and finds the changed line of two revisions', () => {
    const lines = diffTexts(manifestYaml(v1), manifestYaml(v2));
    expect(lines.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '    replicas: 2', oldNo: 9 },
      { kind: 'added', text: '    replicas: 3', newNo: 9 },
    ]);
    expect(countChanges(lines)).toEqual({ added: 1, removed: 1 });
  });

  it('without layout, a move is no change; with it, the moved lines show', () => {
    expect(countChanges(diffTexts(manifestYaml(v1), manifestYaml({ ...v1, visual: v2.visual })))).toEqual({ added: 0, removed: 0 });
    const withLayout = diffTexts(manifestYaml(v1, { layout: true }), manifestYaml({ ...v1, visual: v2.visual }, { layout: true }));
    expect(withLayout.filter((l) => l.kind === 'added').map((l) => l.text.trim())).toEqual(['web: { x: 400, y: 80 }']);
  });

  it('handles empty texts on either side', () => {
    expect(diffTexts('', 'a\nb\n')).toEqual([
      { kind: 'added', text: 'a', newNo: 1 },
      { kind: 'added', text: 'b', newNo: 2 },
    ]);
    expect(diffTexts('a\n', '')).toEqual([{ kind: 'removed', text: 'a', oldNo: 1 }]);
    expect(diffTexts('', '')).toEqual([]);
  });
});

const same = (n: number): NumberedLine => ({ kind: 'same', text: `l${n}`, oldNo: n, newNo: n });

describe('foldUnchanged', () => {
  it('keeps context around a change and folds the long unchanged runs', () => {
    const all: NumberedLine[] = [...[1, 2, 3, 4, 5, 6, 7, 8].map(same), { kind: 'removed', text: 'x', oldNo: 9 }, ...[10, 11, 12, 13, 14, 15, 16].map(same)];
    const out = foldUnchanged(all, 2);
    expect(out.map((s) => (isFold(s) ? `fold ${s.count}@${s.oldNo}` : `${s.kind} ${s.text}`))).toEqual([
      'fold 6@1',
      'same l7',
      'same l8',
      'removed x',
      'same l10',
      'same l11',
      'fold 5@12',
    ]);
  });

  it('folds a long run between two changes down to context on each side', () => {
    const all: NumberedLine[] = [{ kind: 'added', text: 'a', newNo: 1 }, ...[2, 3, 4, 5, 6, 7, 8, 9].map(same), { kind: 'added', text: 'b', newNo: 10 }];
    const out = foldUnchanged(all, 1);
    expect(out.map((s) => (isFold(s) ? `fold ${s.count}` : s.text))).toEqual(['a', 'l2', 'fold 6', 'l9', 'b']);
  });

  it('does not fold a run no longer than the context it would keep plus one', () => {
    const all: NumberedLine[] = [{ kind: 'added', text: 'a', newNo: 1 }, same(2), same(3), same(4), { kind: 'added', text: 'b', newNo: 5 }];
    expect(foldUnchanged(all, 1).some(isFold)).toBe(false);
    expect(foldUnchanged([same(1), same(2)], 3).map((s) => (isFold(s) ? 'fold' : s.text))).toEqual(['fold']);
  });
});

describe('sideBySide', () => {
  it('pairs a removed run with the added run after it, row by row', () => {
    const rows = sideBySide([
      same(1),
      { kind: 'removed', text: 'old a', oldNo: 2 },
      { kind: 'removed', text: 'old b', oldNo: 3 },
      { kind: 'added', text: 'new a', newNo: 2 },
      same(4),
      { kind: 'added', text: 'only new', newNo: 5 },
    ]);
    expect(rows.map((r) => (isFold(r) ? 'fold' : `${r.left?.text ?? '·'} | ${r.right?.text ?? '·'}`))).toEqual([
      'l1 | l1',
      'old a | new a',
      'old b | ·',
      'l4 | l4',
      '· | only new',
    ]);
  });
});
