// Words and tones for the overview: one place maps states and health onto what the page shows.
import type { BadgeTone } from '../ui/badge';

export function healthTone(word: string | undefined): BadgeTone {
  switch (word) {
    case 'healthy':
      return 'green';
    case 'starting':
      return 'blue';
    case 'degraded':
      return 'amber';
    case 'unhealthy':
      return 'red';
    default:
      return 'gray';
  }
}

export function stateTone(state: string): BadgeTone {
  if (state === 'running') return 'green';
  if (state === 'failed') return 'red';
  if (state === 'deploying' || state === 'stopping' || state === 'starting') return 'blue';
  return 'gray';
}

export function formatCores(cores: number): string {
  return cores >= 10 ? cores.toFixed(0) : cores >= 1 ? cores.toFixed(1) : cores.toFixed(2);
}

export function percent(used: number, limit: number): number {
  return limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 0;
}

/** "3 min ago" style, for alert times. */
export function ago(at: string | Date | null | undefined, now = Date.now()): string {
  if (!at) return '';
  const s = Math.max(0, Math.round((now - new Date(at).getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}
