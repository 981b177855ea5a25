// How a snapshot's timings and copy method read: "120 ms", "3.2 s", "copy-on-write" (its size:
// formatBytes of lib/format-bytes.ts, as on every page).

export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

const METHODS: Record<string, string> = { reflink: 'copy-on-write', copy: 'streaming copy' };

export function formatMethod(method: string | null): string {
  return method ? (METHODS[method] ?? method) : '–';
}
