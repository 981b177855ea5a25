// The audit page's filters and the query string they make: one shape for the list, the
// export links and the address bar (so a filtered view can be linked, e.g. a VDC's Activity).
export interface AuditFilters {
  since: string;
  actor: string;
  action: string;
  vdc: string;
  outcome: '' | 'ok' | 'denied' | 'failed';
}

export const SINCE_CHOICES = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '', label: 'All time' },
] as const;

export const OUTCOME_CHOICES = [
  { value: '', label: 'Any outcome' },
  { value: 'ok', label: 'OK' },
  { value: 'denied', label: 'Denied' },
  { value: 'failed', label: 'Failed' },
] as const;

export const EMPTY_FILTERS: AuditFilters = { since: '7d', actor: '', action: '', vdc: '', outcome: '' };

const OUTCOMES = new Set(['ok', 'denied', 'failed']);

export function filtersFrom(params: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (key: string) => {
    const v = params[key];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
  };
  const outcome = one('outcome');
  return {
    since: params.since === undefined ? EMPTY_FILTERS.since : one('since'),
    actor: one('actor'),
    action: one('action'),
    vdc: one('vdc'),
    outcome: (OUTCOMES.has(outcome) ? outcome : '') as AuditFilters['outcome'],
  };
}

/** Only the filters given; `since` is always written, so "All time" survives a reload. */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams();
  q.set('since', filters.since);
  for (const key of ['actor', 'action', 'vdc', 'outcome'] as const) if (filters[key].trim()) q.set(key, filters[key].trim());
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q;
}
