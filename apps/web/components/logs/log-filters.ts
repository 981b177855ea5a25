// The logs view's filters as the API's query string, and the pieces of a line a filter matched
// (for highlighting). Pure, so the view and its test share them.

export const RANGES = [
  { value: '5m', label: 'Last 5 minutes' },
  { value: '15m', label: 'Last 15 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '6h', label: 'Last 6 hours' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: 'all', label: 'All' },
  { value: 'custom', label: 'Between…' },
] as const;
export type RangeValue = (typeof RANGES)[number]['value'];

export interface LogFilters {
  range: RangeValue;
  /** `datetime-local` values (the browser's time zone), used when range is custom. */
  from: string;
  to: string;
  text: string;
  /** Treat `text` as a pattern rather than plain text. */
  pattern: boolean;
  level: '' | 'error' | 'warn' | 'info' | 'debug';
  appliance: string;
  replica: string;
}

export const DEFAULT_FILTERS: LogFilters = { range: '1h', from: '', to: '', text: '', pattern: false, level: '', appliance: '', replica: '' };

/** A `datetime-local` value as an ISO time, or undefined when empty or not a time. */
function isoOf(local: string): string | undefined {
  if (!local) return undefined;
  const t = new Date(local).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function logsQuery(f: LogFilters, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams();
  if (f.appliance) q.set('appliance', f.appliance);
  if (f.appliance && f.replica) q.set('replica', f.replica);
  if (f.range === 'custom') {
    const since = isoOf(f.from);
    const until = isoOf(f.to);
    if (since) q.set('since', since);
    if (until && !extra.follow) q.set('until', until);
  } else if (f.range !== 'all') {
    q.set('since', f.range);
  }
  if (f.text) q.set(f.pattern ? 'regex' : 'q', f.text);
  if (f.level) q.set('level', f.level);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q;
}

/** The line cut into plain and matched pieces; a bad pattern matches nothing. */
export function highlightPieces(line: string, text: string, pattern: boolean): { text: string; match: boolean }[] {
  if (!text) return [{ text: line, match: false }];
  let re: RegExp;
  try {
    re = pattern ? new RegExp(text, 'gi') : new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  } catch {
    return [{ text: line, match: false }];
  }
  const pieces: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const m of line.matchAll(re)) {
    if (m[0] === '') continue;
    const start = m.index ?? 0;
    if (start > at) pieces.push({ text: line.slice(at, start), match: false });
    pieces.push({ text: m[0], match: true });
    at = start + m[0].length;
  }
  if (at < line.length) pieces.push({ text: line.slice(at), match: false });
  return pieces.length ? pieces : [{ text: line, match: false }];
}
