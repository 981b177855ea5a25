// "Did you mean …?" for typos in class ids, terminal names, property names and keys.

/** Edit distance, giving up (returning Infinity) once it is certainly above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return Number.POSITIVE_INFINITY;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate nearest to `word`, if it is near enough to be a plausible typo: about one edit
 * per three characters, at least one. Case is ignored so `Replicas` finds `replicas`.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const needle = word.toLowerCase();
  const limit = Math.max(1, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase(), limit);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or nothing, ready to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined || match === word ? '' : ` (did you mean "${match}"?)`;
}
