'use client';
// A logs view over a VDC's replicas (or one appliance's): time range, text or pattern, level,
// appliance and replica filters; matches highlighted; follow live; download what the filters
// select as a file. Every control is a native one, so the keyboard reaches all of it.
import { useEffect, useMemo, useState } from 'react';
import { Button, buttonClasses } from '../ui/button';
import { api, vdcPath } from '../deploy/api';
import { DEFAULT_FILTERS, type LogFilters, logsQuery, RANGES } from './log-filters';
import { LogLines } from './log-lines';
import { useLogEntries } from './use-log-entries';

interface StatusAnswer {
  appliances: { name: string; containers: { replica: number }[] }[];
}

const control = 'h-8 rounded-md border border-slate-300 bg-white px-2 text-xs text-slate-800 focus:outline-2 focus:outline-indigo-500';

export function LogSearch({ vdcName, appliance, defaultFollow = false }: { vdcName: string; appliance?: string; defaultFollow?: boolean }) {
  const [filters, setFilters] = useState<LogFilters>({ ...DEFAULT_FILTERS, appliance: appliance ?? '' });
  const [typed, setTyped] = useState('');
  const [follow, setFollow] = useState(defaultFollow);
  const [replicas, setReplicas] = useState<Record<string, number[]>>({});
  const set = (patch: Partial<LogFilters>) => setFilters((f) => ({ ...f, ...patch }));

  // The text is applied once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.text === typed ? f : { ...f, text: typed })), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    const ctl = new AbortController();
    api<StatusAnswer>(vdcPath(vdcName, '/status'), { signal: ctl.signal })
      .then((s) => setReplicas(Object.fromEntries(s.appliances.map((a) => [a.name, [...new Set(a.containers.map((c) => c.replica))].sort((x, y) => x - y)]))))
      .catch(() => {});
    return () => ctl.abort();
  }, [vdcName]);

  const query = useMemo(() => {
    // A follow has no end: logsQuery leaves `until` out when told it follows.
    const q = logsQuery(filters, follow ? { follow: '1' } : {});
    q.delete('follow');
    return q.toString();
  }, [filters, follow]);
  const { entries, truncated, loading, live, error, refresh } = useLogEntries(vdcName, query, follow);
  const download = (format: 'text' | 'ndjson') => `/api/v1${vdcPath(vdcName, '/logs')}?${logsQuery(filters, { format, limit: '10000' })}`;
  const shownReplicas = filters.appliance ? (replicas[filters.appliance] ?? []) : [];

  return (
    <section className="flex min-h-0 flex-col overflow-hidden rounded-md border border-slate-200 bg-white" data-testid="logs-view" aria-label="Logs">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2">
        <h2 className="mr-1 text-sm font-semibold text-slate-900">Logs</h2>
        <select className={control} aria-label="Time range" data-testid="logs-range" value={filters.range} onChange={(e) => set({ range: e.target.value as LogFilters['range'] })}>
          {RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        {filters.range === 'custom' && (
          <>
            <input type="datetime-local" step={1} className={control} aria-label="From" data-testid="logs-from" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
            <input
              type="datetime-local"
              step={1}
              className={control}
              aria-label="Until"
              data-testid="logs-to"
              value={filters.to}
              disabled={follow}
              onChange={(e) => set({ to: e.target.value })}
            />
          </>
        )}
        <input
          type="search"
          className={`${control} w-56`}
          placeholder={filters.pattern ? 'Pattern, e.g. status=5\\d\\d' : 'Search text'}
          aria-label={filters.pattern ? 'Search pattern' : 'Search text'}
          data-testid="logs-text"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ text: typed });
          }}
        />
        <label className="flex items-center gap-1 text-xs text-slate-700">
          <input type="checkbox" data-testid="logs-pattern" checked={filters.pattern} onChange={(e) => set({ pattern: e.target.checked })} />
          Pattern
        </label>
        <select className={control} aria-label="Level" data-testid="logs-level" value={filters.level} onChange={(e) => set({ level: e.target.value as LogFilters['level'] })}>
          <option value="">Any level</option>
          <option value="error">Errors</option>
          <option value="warn">Warnings and errors</option>
          <option value="info">Info and above</option>
          <option value="debug">Debug and above</option>
        </select>
        {!appliance && (
          <select className={control} aria-label="Appliance" data-testid="logs-appliance" value={filters.appliance} onChange={(e) => set({ appliance: e.target.value, replica: '' })}>
            <option value="">All appliances</option>
            {Object.keys(replicas)
              .sort()
              .map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
          </select>
        )}
        {shownReplicas.length > 1 && (
          <select className={control} aria-label="Replica" data-testid="logs-replica" value={filters.replica} onChange={(e) => set({ replica: e.target.value })}>
            <option value="">All replicas</option>
            {shownReplicas.map((r) => (
              <option key={r} value={String(r)}>
                replica {r}
              </option>
            ))}
          </select>
        )}
        <label className="flex items-center gap-1 text-xs text-slate-700">
          <input type="checkbox" data-testid="logs-follow" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        {follow && <span className={`text-xs ${live ? 'text-emerald-700' : 'text-slate-500'}`}>{live ? '● live' : 'connecting…'}</span>}
        <div className="ml-auto flex items-center gap-2">
          {!follow && (
            <Button size="sm" onClick={refresh} data-testid="logs-refresh">
              Refresh
            </Button>
          )}
          <a href={download('text')} download className={buttonClasses('secondary', 'sm')} data-testid="logs-download" title="The lines these filters select (newest 10,000) as a text file">
            Download
          </a>
          <a href={download('ndjson')} download className="text-xs text-indigo-700 hover:underline" data-testid="logs-download-ndjson" title="The same lines as JSON, one per line">
            NDJSON
          </a>
        </div>
      </header>
      {error && (
        <p role="alert" className="border-b border-rose-100 bg-rose-50 px-3 py-1.5 text-xs text-rose-800" data-testid="logs-error">
          {error}
        </p>
      )}
      {truncated && (
        <p className="border-b border-amber-100 bg-amber-50 px-3 py-1.5 text-xs text-amber-900" data-testid="logs-truncated">
          Only the newest matching lines are shown: narrow the time range or the filters to see older ones.
        </p>
      )}
      <LogLines
        entries={entries}
        highlight={{ text: filters.text, pattern: filters.pattern }}
        showAppliance={!appliance || shownReplicas.length > 1}
        empty={loading ? 'Loading…' : follow ? 'No matching lines yet; new ones appear here.' : 'No lines match these filters.'}
      />
      <footer className="border-t border-slate-200 px-3 py-1 text-[11px] text-slate-500" data-testid="logs-count" aria-live="polite">
        {entries.length} line{entries.length === 1 ? '' : 's'}
      </footer>
    </section>
  );
}
