// JSON manifests, read with the engine's JSON.parse instead of the (far slower) YAML parser,
// after one linear scan for what JSON.parse lets through silently: a repeated key (the last one
// would win) and nesting too deep for anything after it.

export interface JsonScan {
  /** Offsets of repeated keys in objects, in text order (at most `maxReports`). */
  duplicates: number[];
  /** Offset of the first bracket past `maxDepth`, if any. */
  tooDeep?: number;
}

/**
 * Scans text that may be JSON. Returns undefined when it is not JSON-shaped enough to judge (the
 * caller then lets a real parser explain); never throws, and costs one pass over the text.
 */
export function scanJson(text: string, maxDepth: number, maxReports: number): JsonScan | undefined {
  // Per open bracket: the keys seen so far for an object, null for a list.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  const duplicates: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      if (i >= text.length) return undefined;
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const raw = text.slice(start, i + 1);
        let key: string;
        try {
          key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        } catch {
          return undefined;
        }
        if (top.has(key)) {
          if (duplicates.length < maxReports) duplicates.push(start);
        } else top.add(key);
        expectKey = false;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) return { duplicates, tooDeep: i };
      stack.push(c === 0x7b ? new Set() : null);
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
  return { duplicates };
}

/** Line and column (1-based) of an offset, the way the YAML parser reports them. */
export function linePosition(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}
