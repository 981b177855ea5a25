// Appliance names the editor invents: always a valid DNS label, never one already taken, and
// readable (`web`, `web-2`, `web-3`) so a copy says what it is a copy of.
import { DNS_LABEL } from '@colo/manifest';

const MAX_LENGTH = 32;

/** Lowercase, only [a-z0-9-], starting with a letter, not ending with "-"; "app" when nothing is left. */
export function toDnsLabel(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+/g, '-')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, '');
  return DNS_LABEL.test(cleaned) ? cleaned : 'app';
}

/** `base` itself when free, else `base-2`, `base-3`… (a copy of `web-2` becomes `web-3`). */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  const label = toDnsLabel(base);
  if (!taken.has(label)) return label;
  const stem = label.replace(/-\d+$/, '') || label;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${stem.slice(0, MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
