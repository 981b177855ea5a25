// What the VDC list shows of all the caller's VDCs: a search (name and description), a state
// filter (destroyed ones hidden unless asked for) and a sort; kept in the page's query string
// (`?q=shop&state=all&sort=changed`), so a reload or a shared link shows the same list.
import type { VdcRow } from './types';

export const STATE_FILTERS = [
  { value: 'active', label: 'All but destroyed' },
  { value: 'all', label: 'All states' },
  { value: 'running', label: 'Running' },
  { value: 'stopped', label: 'Stopped' },
  { value: 'failed', label: 'Failed' },
  { value: 'new', label: 'Not deployed' },
  { value: 'destroyed', label: 'Destroyed' },
] as const;
export type StateFilter = (typeof STATE_FILTERS)[number]['value'];

export const SORTS = [
  { value: 'name', label: 'Name' },
  { value: 'state', label: 'State' },
  { value: 'changed', label: 'Last change' },
] as const;
export type VdcSort = (typeof SORTS)[number]['value'];

export interface VdcQuery {
  q: string;
  state: StateFilter;
  sort: VdcSort;
}

export const DEFAULT_QUERY: VdcQuery = { q: '', state: 'active', sort: 'name' };

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The list's query from the page's search params; anything unknown falls back to the default. */
export function parseVdcQuery(params: Params): VdcQuery {
  const state = first(params.state);
  const sort = first(params.sort);
  return {
    q: (first(params.q) ?? '').slice(0, 200),
    state: STATE_FILTERS.some((s) => s.value === state) ? (state as StateFilter) : DEFAULT_QUERY.state,
    sort: SORTS.some((s) => s.value === sort) ? (sort as VdcSort) : DEFAULT_QUERY.sort,
  };
}

/** The query string for `query`: only what differs from the default, so the plain list is `/vdcs`. */
export function vdcQueryString(query: VdcQuery): string {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q);
  if (query.state !== DEFAULT_QUERY.state) params.set('state', query.state);
  if (query.sort !== DEFAULT_QUERY.sort) params.set('sort', query.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

// Most actionable first: what is broken, then what runs, what waits, what was never deployed.
const STATE_ORDER: Record<string, number> = { failed: 0, running: 1, stopped: 2, new: 3, destroyed: 4 };

/** When a VDC last changed: the VDC row's own time, or its last operation's when the row has none. */
export function lastChange(v: VdcRow): number {
  const times = [v.updatedAt, v.lastOperation?.finishedAt, v.lastOperation?.createdAt].flatMap((t) => (t ? [new Date(t).getTime()] : []));
  return times.length > 0 ? Math.max(...times) : 0;
}

function matches(v: VdcRow, words: string[]): boolean {
  const text = `${v.name} ${v.description ?? ''}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

function inState(v: VdcRow, state: StateFilter): boolean {
  if (state === 'all') return true;
  if (state === 'active') return v.state !== 'destroyed';
  return v.state === state;
}

/**
 * The rows to show, and how many destroyed VDCs the state filter hides among those the search
 * finds (the "3 destroyed hidden" next to the filter).
 */
export function applyVdcQuery(rows: VdcRow[], query: VdcQuery): { shown: VdcRow[]; hiddenDestroyed: number } {
  const words = query.q.toLowerCase().split(/\s+/).filter(Boolean);
  const found = rows.filter((v) => matches(v, words));
  const shown = found.filter((v) => inState(v, query.state));
  const byName = (a: VdcRow, b: VdcRow) => a.name.localeCompare(b.name) || (a.team?.slug ?? '').localeCompare(b.team?.slug ?? '');
  const compare =
    query.sort === 'state'
      ? (a: VdcRow, b: VdcRow) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9) || byName(a, b)
      : query.sort === 'changed'
        ? (a: VdcRow, b: VdcRow) => lastChange(b) - lastChange(a) || byName(a, b)
        : byName;
  return {
    shown: [...shown].sort(compare),
    hiddenDestroyed: query.state === 'active' ? found.filter((v) => v.state === 'destroyed').length : 0,
  };
}
