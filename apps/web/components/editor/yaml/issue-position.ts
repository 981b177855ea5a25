// Where in the YAML text an issue is. The parser words its own errors "line L, column C: …"; the
// validator names a path (`appliances[1].properties.workers`), found here in the text's node
// ranges (the `yaml` package, as @colo/manifest parses). A path that stops short (a missing key)
// points at the deepest part that is there, so every issue lands on some line.
import type { Issue } from '@colo/manifest';
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';

type PathSegment = string | number;

export interface TextMark {
  from: number;
  to: number;
  /** 1-based, as the parser and editors count. */
  line: number;
  col: number;
  /** The issue's words without the location (the mark is the location). */
  message: string;
  severity: Issue['severity'];
}

const AT_LINE = /^line (\d+), column (\d+): /;

/** `appliances[1].properties["a.b"]` → ['appliances', 1, 'properties', 'a.b'] (formatPath's inverse). */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const token = /([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|(\.)/gy;
  let m = token.exec(path);
  while (m !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
    m = token.exec(path);
  }
  return out;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** The offset of 1-based line and column, clamped into the text. */
export function offsetOf(text: string, line: number, col: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return text.length;
    start = next + 1;
  }
  return Math.min(start + Math.max(col - 1, 0), lineEnd(text, start));
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** A range from `from` to the end of its word-ish run on that line (a point at a line's end). */
function tokenAt(text: string, from: number): [number, number] {
  const end = lineEnd(text, from);
  const rest = text.slice(from, end).trimEnd();
  return [from, from + rest.length];
}

function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as Node | null)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** The range of `segments` in a parsed document: the key and its scalar value, or the key alone. */
function pathRange(contents: unknown, segments: PathSegment[], text: string): [number, number] {
  let node = contents;
  let best: [number, number] = [0, lineEnd(text, 0)];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      const key = rangeOf(pair?.key);
      if (!pair || !key) break;
      const value = isScalar(pair.value) ? rangeOf(pair.value) : undefined;
      best = [key[0], value && value[1] > key[1] ? value[1] : key[1]];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      const range = rangeOf(item);
      if (!range) break;
      best = [range[0], Math.min(range[1], lineEnd(text, range[0]))];
      node = item;
    } else break;
  }
  return best;
}

/** Marks for the issues of `text` (syntax errors by their line and column, the rest by path). */
export function issueMarks(text: string, issues: readonly Issue[]): TextMark[] {
  if (issues.length === 0) return [];
  let contents: unknown;
  try {
    contents = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' }).contents;
  } catch {
    contents = undefined;
  }
  return issues.map((issue) => {
    const at = AT_LINE.exec(issue.message);
    const message = at ? issue.message.slice(at[0].length) : issue.message;
    const [from, to] = at ? tokenAt(text, offsetOf(text, Number(at[1]), Number(at[2]))) : pathRange(contents, parsePath(issue.path), text);
    return { from, to, ...positionOf(text, from), message, severity: issue.severity };
  });
}
