// How the schedules panel words a schedule: pure, so it is tested without a browser.

export interface ScheduleBody {
  id: string;
  kind: 'snapshot' | 'stop' | 'start';
  cron: string;
  timezone: string;
  keep: number | null;
  enabled: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastResult: string | null;
  lastOperation: { id: string; status: string; error: string | null } | null;
}

/** `2026-12-03 03:00 UTC`: the time as the cron reads it. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `in 3h 5m`, `in 2d 4h`, `in under a minute`, `due now`. */
export function untilText(iso: string, now: number): string {
  const minutes = Math.floor((Date.parse(iso) - now) / 60_000);
  if (minutes < 0) return 'due now';
  if (minutes < 1) return 'in under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `in ${days}d${hours ? ` ${hours}h` : ''}`;
  if (hours > 0) return `in ${hours}h${mins ? ` ${mins}m` : ''}`;
  return `in ${mins}m`;
}

export function nextRunText(s: ScheduleBody, now: number): string {
  if (!s.enabled) return 'disabled';
  if (!s.nextRunAt) return 'never';
  return `${utcMinute(s.nextRunAt)} (${untilText(s.nextRunAt, now)})`;
}

/** `requested → succeeded`, `skipped: the VDC is stopped`, `never run`. */
export function lastRunText(s: ScheduleBody): string {
  if (!s.lastRunAt) return 'never run';
  const op = s.lastOperation ? ` → ${s.lastOperation.status}` : '';
  return `${s.lastResult ?? 'ran'}${op}`;
}

export function kindText(s: Pick<ScheduleBody, 'kind' | 'keep'>): string {
  return s.kind === 'snapshot' ? `Snapshot, keep ${s.keep}` : s.kind === 'stop' ? 'Stop' : 'Start';
}
