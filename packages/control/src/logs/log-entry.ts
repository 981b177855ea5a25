// One log line as a search answers it, and its text form for downloads and the CLI.
import type { LogEntry } from '@colo/api';

export type { LogEntry };

/** `2026-12-03T12:00:00.123Z web#2 stderr warn  the line` — one line, greppable. */
export function formatLogEntry(e: LogEntry): string {
  const time = e.time ? `${e.time.slice(0, 23)}Z` : '-';
  return `${time} ${e.appliance}#${e.replica} ${e.stream} ${e.level.padEnd(5)} ${e.line}`;
}

/** The marker a text answer ends with when older lines were left out. */
export function truncatedNote(limit: number): string {
  return `… truncated: only the newest ${limit} matching lines are shown; narrow the time range or the filters, or raise limit`;
}
