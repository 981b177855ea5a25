// Whether one (already redacted) log line passes a query's filters. Secrets are masked before a
// line gets here, so neither the text nor the pattern can probe for a secret's value.
import { severity } from './log-level';
import type { LogQuery } from './log-query';
import type { LogEntry } from './log-entry';

/** Epoch ms of a `2026-12-03T12:00:00.123456789Z` stamp (sub-millisecond digits dropped). */
export function entryMillis(time: string): number {
  return Date.parse(time.length > 24 ? `${time.slice(0, 23)}Z` : time);
}

export function matchesTime(entry: Pick<LogEntry, 'time'>, query: Pick<LogQuery, 'since' | 'until'>): boolean {
  if (query.since === undefined && query.until === undefined) return true;
  const t = entryMillis(entry.time);
  if (Number.isNaN(t)) return true;
  if (query.since !== undefined && t < query.since) return false;
  if (query.until !== undefined && t >= query.until) return false;
  return true;
}

export function matchesLine(entry: Pick<LogEntry, 'line' | 'level'>, query: Pick<LogQuery, 'text' | 'pattern' | 'level'>): boolean {
  if (query.level && severity(entry.level) > severity(query.level)) return false;
  if (query.text && !entry.line.toLowerCase().includes(query.text)) return false;
  if (query.pattern && !query.pattern.test(entry.line)) return false;
  return true;
}
