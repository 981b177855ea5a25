// "Did you mean …?" for typos in class ids, terminal names, property names and keys.

// Two rows of the edit-distance table, reused: a hostile manifest asks for thousands of distances.
let previousRow = new Uint32Array(64);
let currentRow = new Uint32Array(64);

/** Edit distance, giving up (returning Infinity) once it is certainly above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return Number.POSITIVE_INFINITY;
  if (previousRow.length <= b.length) {
    previousRow = new Uint32Array(b.length + 1);
    currentRow = new Uint32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return Number.POSITIVE_INFINITY;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/**
 * The candidate nearest to `word`, if it is near enough to be a plausible typo: about one edit
 * per three characters, at least one. Case is ignored so `Replicas` finds `replicas`. Ties go to
 * the earlier candidate.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const needle = word.toLowerCase();
  // Only a strictly nearer candidate replaces the best, so the limit tightens as matches are found.
  let limit = Math.max(1, Math.floor(needle.length / 3));
  let best: string | undefined;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - needle.length) > limit) continue;
    const distance = editDistance(needle, candidate.toLowerCase(), limit);
    if (distance <= limit) {
      best = candidate;
      if (distance === 0) break;
      limit = distance - 1;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or nothing, ready to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined || match === word ? '' : ` (did you mean "${match}"?)`;
}

/** Suggestions computed per validation before the rest go without one (each costs edit distances). */
export const MAX_SUGGESTIONS = 200;
/** Candidates compared per suggestion: a typo of a name past these finds no match, cheaply. */
export const MAX_CANDIDATES = 1000;

/**
 * "Did you mean" for one validation: each unknown word is looked up once per set of candidates
 * (a hostile manifest names the same missing appliance thousands of times), at most
 * MAX_SUGGESTIONS lookups are made, over at most MAX_CANDIDATES candidates each.
 */
export class Suggestions {
  private readonly memo = new Map<string, string>();
  private lookups = 0;

  constructor(private readonly maxLookups = MAX_SUGGESTIONS) {}

  /** `set` names the candidate set (`appliances`, `inputs of web-php@2`, …); `candidates` is read only on a miss. */
  didYouMean(set: string, word: string, candidates: () => Iterable<string>): string {
    const key = `${set}\u0000${word}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.lookups >= this.maxLookups) return '';
    this.lookups++;
    const hint = didYouMean(word, firstOf(candidates(), MAX_CANDIDATES));
    this.memo.set(key, hint);
    return hint;
  }
}

function* firstOf<T>(items: Iterable<T>, n: number): Iterable<T> {
  let i = 0;
  for (const item of items) {
    if (i++ >= n) return;
    yield item;
  }
}
