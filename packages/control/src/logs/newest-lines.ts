// The newest entries of a time-ordered run, bounded by a count and by bytes, so a search over a
// long log holds only what it may answer with. Whatever is dropped makes the answer `truncated`.
import type { LogEntry } from './log-entry';

/** A search never holds more line text than this, whatever `limit` says (long lines are 16 KiB). */
export const MAX_SEARCH_BYTES = 16 * 1024 * 1024;

export class NewestLines {
  private items: LogEntry[] = [];
  private start = 0;
  private bytes = 0;
  dropped = 0;

  constructor(
    private readonly limit: number,
    private readonly maxBytes = MAX_SEARCH_BYTES,
  ) {}

  push(entry: LogEntry): void {
    this.items.push(entry);
    this.bytes += entry.line.length;
    while (this.items.length - this.start > this.limit || (this.bytes > this.maxBytes && this.items.length - this.start > 1)) {
      this.bytes -= this.items[this.start].line.length;
      this.start++;
      this.dropped++;
    }
    // Compact now and then, so the dropped head does not stay referenced.
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }

  get size(): number {
    return this.items.length - this.start;
  }

  toArray(): LogEntry[] {
    return this.items.slice(this.start);
  }
}

/** Two time-ordered runs as one, oldest first; equal times keep `a` first. */
export function mergeByTime(a: LogEntry[], b: LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j].time < a[i].time ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
