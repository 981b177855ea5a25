'use client';
// The audit log page: filters (a form, applied on submit, kept in the address so a view can be
// linked), the events newest first with their details, older ones a page at a time, and the
// same filter exported as CSV or JSON. Native controls throughout, so the keyboard reaches all.
import type { AuditEventItem, AuditPageAnswer } from '@colo/api';
import { usePathname, useRouter } from 'next/navigation';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Alert } from '../ui/alert';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { Button, buttonClasses } from '../ui/button';
import { type AuditFilters, auditQuery, OUTCOME_CHOICES, SINCE_CHOICES } from './audit-query';
import { AuditRow } from './audit-row';

const control = 'block h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-sm focus:outline-2 focus:outline-indigo-500';

export function AuditView({ initial }: { initial: AuditFilters }) {
  const router = useRouter();
  const pathname = usePathname();
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const [applied, setApplied] = useState<AuditFilters>(initial);
  const [events, setEvents] = useState<AuditEventItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());

  const load = useCallback(async (filters: AuditFilters, after: string | null, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    try {
      const page = await apiFetch<AuditPageAnswer>(`/audit?${auditQuery(filters, after ? { cursor: after } : {})}`, { signal });
      setEvents((shown) => (after ? [...shown, ...page.events] : page.events));
      setCursor(page.nextCursor);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'The audit log could not be read.');
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    void load(applied, null, ctl.signal);
    return () => ctl.abort();
  }, [applied, load]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
    setOpen(new Set());
    router.replace(`${pathname}?${auditQuery(draft)}`, { scroll: false });
  };
  const set = (patch: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const toggle = (id: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const exportHref = (format: 'csv' | 'json') => `/api/v1/audit/export?${auditQuery(applied, { format })}`;

  return (
    <div className="mx-auto w-full max-w-7xl space-y-4 px-6 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Audit log</h1>
          <p className="text-sm text-slate-600">Who changed what, when and from where — requests, refusals, and what Colo did by itself. Kept forever, also after a VDC is deleted.</p>
        </div>
        <div className="flex gap-2">
          <a href={exportHref('csv')} download className={buttonClasses('secondary', 'sm')} data-testid="audit-export-csv">
            Export CSV
          </a>
          <a href={exportHref('json')} download className={buttonClasses('secondary', 'sm')} data-testid="audit-export-json">
            Export JSON
          </a>
        </div>
      </div>

      <form onSubmit={apply} className="grid grid-cols-2 items-end gap-3 rounded-md border border-slate-200 bg-white p-3 md:grid-cols-6" aria-label="Audit filters">
        <label className="space-y-1 text-sm font-medium text-slate-800">
          <span>Time</span>
          <select className={control} value={draft.since} onChange={(e) => set({ since: e.target.value })} data-testid="audit-since">
            {SINCE_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800">
          <span>Who</span>
          <input className={control} value={draft.actor} placeholder="email, or system" onChange={(e) => set({ actor: e.target.value })} data-testid="audit-actor" />
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800">
          <span>Action</span>
          <input className={control} value={draft.action} placeholder="deploy, createToken…" onChange={(e) => set({ action: e.target.value })} data-testid="audit-action-filter" />
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800">
          <span>VDC</span>
          <input className={control} value={draft.vdc} placeholder="name or id" onChange={(e) => set({ vdc: e.target.value })} data-testid="audit-vdc" />
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800">
          <span>Outcome</span>
          <select className={control} value={draft.outcome} onChange={(e) => set({ outcome: e.target.value as AuditFilters['outcome'] })} data-testid="audit-outcome-filter">
            {OUTCOME_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary" data-testid="audit-apply">
          Apply filters
        </Button>
      </form>

      {error && <Alert testId="audit-error">{error}</Alert>}

      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="audit-table">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead className="bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">When</th>
              <th scope="col" className="px-3 py-2">Who</th>
              <th scope="col" className="px-3 py-2">From</th>
              <th scope="col" className="px-3 py-2">Action</th>
              <th scope="col" className="px-3 py-2">VDC</th>
              <th scope="col" className="px-3 py-2">Outcome</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Details</span></th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <AuditRow key={e.id} event={e} open={open.has(e.id)} onToggle={() => toggle(e.id)} />
            ))}
          </tbody>
        </table>
        {!loading && events.length === 0 && !error && (
          <p className="px-3 py-6 text-center text-sm text-slate-500" data-testid="audit-empty">
            No events match these filters.
          </p>
        )}
      </div>
      <div className="flex items-center justify-center gap-3" aria-live="polite">
        {cursor && (
          <Button onClick={() => void load(applied, cursor)} busy={loading} data-testid="audit-more">
            Show older events
          </Button>
        )}
        {loading && !cursor && <span className="text-sm text-slate-500">Loading…</span>}
        {!loading && events.length > 0 && !cursor && <span className="text-xs text-slate-500" data-testid="audit-end">{events.length} event{events.length === 1 ? '' : 's'}, the oldest shown</span>}
      </div>
    </div>
  );
}
