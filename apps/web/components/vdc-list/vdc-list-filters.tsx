'use client';
// Above the table: search, the state filter (with how many destroyed VDCs it hides) and the sort.
import { SORTS, STATE_FILTERS, type StateFilter, type VdcQuery, type VdcSort } from './vdc-query';

const selectClass = 'block h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm';

export function VdcListFilters(props: { query: VdcQuery; hiddenDestroyed: number; onChange: (query: VdcQuery) => void }) {
  const { query, onChange } = props;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="vdc-filters">
      <input
        type="search"
        aria-label="Search VDCs by name or description"
        placeholder="Search by name or description"
        className="block h-9 w-72 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500"
        value={query.q}
        onChange={(e) => onChange({ ...query, q: e.target.value })}
        data-testid="vdc-search"
      />
      <select
        aria-label="Show VDCs in state"
        className={selectClass}
        value={query.state}
        onChange={(e) => onChange({ ...query, state: e.target.value as StateFilter })}
        data-testid="vdc-state-filter"
      >
        {STATE_FILTERS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1.5 text-sm text-slate-600">
        Sort by
        <select className={selectClass} value={query.sort} onChange={(e) => onChange({ ...query, sort: e.target.value as VdcSort })} data-testid="vdc-sort">
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {props.hiddenDestroyed > 0 && (
        <span className="text-sm text-slate-600" data-testid="vdc-hidden-count">
          {props.hiddenDestroyed} destroyed hidden ·{' '}
          <button type="button" className="font-medium text-indigo-700 hover:text-indigo-600" onClick={() => onChange({ ...query, state: 'all' })}>
            Show
          </button>
        </span>
      )}
    </div>
  );
}
