// Two revisions' manifests as canonical YAML, compared line by line (the longest common
// subsequence, @colo/manifest's diffLines, which `colo diff` prints too), then laid out for
// reading: numbered lines, unchanged runs folded away, removed and added lines paired side by side.
import { diffLines, type ManifestInput, stringifyManifest } from '@colo/manifest';

export type LineKind = 'same' | 'removed' | 'added';

export interface NumberedLine {
  kind: LineKind;
  text: string;
  /** Line number in the old text (absent for an added line). */
  oldNo?: number;
  /** Line number in the new text (absent for a removed line). */
  newNo?: number;
}

export interface Fold {
  kind: 'fold';
  /** How many unchanged lines are hidden here. */
  count: number;
  oldNo: number;
  newNo: number;
}

export type DiffSegment = NumberedLine | Fold;

/**
 * The text a revision is compared by: the same canonical YAML the editor's YAML tab shows.
 * Without `layout`, node positions (`visual`) are left out: moving a box is not a change of meaning.
 */
export function manifestYaml(manifest: unknown, opts: { layout?: boolean } = {}): string {
  if (!manifest || typeof manifest !== 'object') return '';
  const input = { ...(manifest as ManifestInput) };
  if (!opts.layout) delete input.visual;
  return stringifyManifest(input);
}

function lines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** Every line of both texts, in order, numbered on its side(s). */
export function diffTexts(oldText: string, newText: string): NumberedLine[] {
  let oldNo = 0;
  let newNo = 0;
  return diffLines(lines(oldText), lines(newText)).map((l) => {
    if (l.kind === 'same') return { kind: 'same', text: l.text, oldNo: ++oldNo, newNo: ++newNo };
    if (l.kind === 'removed') return { kind: 'removed', text: l.text, oldNo: ++oldNo };
    return { kind: 'added', text: l.text, newNo: ++newNo };
  });
}

export function countChanges(lines: NumberedLine[]): { added: number; removed: number } {
  return { added: lines.filter((l) => l.kind === 'added').length, removed: lines.filter((l) => l.kind === 'removed').length };
}

/** Keeps `context` unchanged lines around each change and folds longer unchanged runs into one marker. */
export function foldUnchanged(all: NumberedLine[], context = 3): DiffSegment[] {
  const out: DiffSegment[] = [];
  let i = 0;
  while (i < all.length) {
    if (all[i].kind !== 'same') {
      out.push(all[i++]);
      continue;
    }
    let end = i;
    while (end < all.length && all[end].kind === 'same') end++;
    // The unchanged run all[i..end): keep its edges that touch a change.
    const keepHead = i === 0 ? 0 : context;
    const keepTail = end === all.length ? 0 : context;
    if (end - i <= keepHead + keepTail + 1) {
      out.push(...all.slice(i, end));
    } else {
      out.push(...all.slice(i, i + keepHead));
      const first = all[i + keepHead];
      out.push({ kind: 'fold', count: end - i - keepHead - keepTail, oldNo: first.oldNo ?? 0, newNo: first.newNo ?? 0 });
      out.push(...all.slice(end - keepTail, end));
    }
    i = end;
  }
  return out;
}

export interface SideRow {
  left?: NumberedLine;
  right?: NumberedLine;
}

export type SideSegment = SideRow | Fold;

/**
 * Two columns: an unchanged line on both sides; a run of removed lines beside the run of added
 * lines that follows it, paired row by row (a changed line reads across), the longer run alone.
 */
export function sideBySide(segments: DiffSegment[]): SideSegment[] {
  const out: SideSegment[] = [];
  let i = 0;
  while (i < segments.length) {
    const s = segments[i];
    if (s.kind === 'fold') {
      out.push(s);
      i++;
    } else if (s.kind === 'same') {
      out.push({ left: s, right: s });
      i++;
    } else {
      const removed: NumberedLine[] = [];
      const added: NumberedLine[] = [];
      while (i < segments.length && segments[i].kind === 'removed') removed.push(segments[i++] as NumberedLine);
      while (i < segments.length && segments[i].kind === 'added') added.push(segments[i++] as NumberedLine);
      for (let k = 0; k < Math.max(removed.length, added.length); k++) out.push({ left: removed[k], right: added[k] });
    }
  }
  return out;
}

export function isFold(s: DiffSegment | SideSegment): s is Fold {
  return (s as Fold).kind === 'fold';
}
