// A line diff of two texts (two revisions' YAML): the longest common subsequence of their lines,
// then hunks with a few lines of context, as `diff -u` prints them. Manifests are small; texts
// past MAX_LINES on both sides are compared by their common head and tail only, then wholesale.

export type DiffLine = { kind: 'same' | 'removed' | 'added'; text: string };

const MAX_LINES = 4000;

/** Every line of `a` and `b` in order: kept, removed from `a`, or added in `b`. */
export function diffLines(a: string[], b: string[]): DiffLine[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const same = (lines: string[]) => lines.map((text): DiffLine => ({ kind: 'same', text }));
  return [...same(a.slice(0, head)), ...diffMiddle(midA, midB), ...same(a.slice(a.length - tail))];
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const removed = (text: string): DiffLine => ({ kind: 'removed', text });
  const added = (text: string): DiffLine => ({ kind: 'added', text });
  if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_LINES * MAX_LINES) return [...a.map(removed), ...b.map(added)];
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push(removed(a[i++]));
    else out.push(added(b[j++]));
  }
  return [...out, ...a.slice(i).map(removed), ...b.slice(j).map(added)];
}

/** `diff -u` style: `--- A`, `+++ B`, then `@@ -l,n +l,n @@` hunks with `context` lines around changes. */
export function unifiedDiff(labelA: string, labelB: string, textA: string, textB: string, context = 3): string[] {
  const split = (t: string) => (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
  const lines = diffLines(split(textA), split(textB));
  const changed = lines.map((l, k) => (l.kind === 'same' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return [];
  const out = [`--- ${labelA}`, `+++ ${labelB}`];
  let k = 0;
  while (k < changed.length) {
    let end = k;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context + 1) end++;
    const from = Math.max(0, changed[k] - context);
    const to = Math.min(lines.length - 1, changed[end] + context);
    const before = lines.slice(0, from);
    const startA = before.filter((l) => l.kind !== 'added').length + 1;
    const startB = before.filter((l) => l.kind !== 'removed').length + 1;
    const hunk = lines.slice(from, to + 1);
    const countA = hunk.filter((l) => l.kind !== 'added').length;
    const countB = hunk.filter((l) => l.kind !== 'removed').length;
    out.push(`@@ -${startA},${countA} +${startB},${countB} @@`);
    for (const l of hunk) out.push(`${l.kind === 'same' ? ' ' : l.kind === 'removed' ? '-' : '+'}${l.text}`);
    k = end + 1;
  }
  return out;
}
