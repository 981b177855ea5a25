'use client';
// The notification centre: every alert of the caller's VDCs, firing first, with why and what to
// do; acknowledging one clears it from the bell's count (it stays firing until its cause clears).
import type { Alert } from '@colo/api';
import Link from 'next/link';
import { useState } from 'react';
import { PageHeader } from '../shell/page-header';
import { Alert as Notice } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { RelativeTime } from '../vdc-list/relative-time';
import { KIND_LABELS, useAlerts } from './use-alerts';

const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'firing', label: 'Firing' },
  { value: 'resolved', label: 'Resolved' },
];

export function AlertList() {
  const [state, setState] = useState('all');
  const { alerts, unread, error, loaded, refresh } = useAlerts({ state });
  const [acking, setAcking] = useState<string | null>(null);

  async function acknowledge(a: Alert) {
    setAcking(a.id);
    try {
      await apiFetch(`/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST' });
      await refresh();
    } finally {
      setAcking(null);
    }
  }

  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-8">
      <PageHeader
        title="Alerts"
        description={
          <>
            What went wrong in your VDCs and what to do about it. Each alert resolves by itself when its cause clears. Rules are set per VDC
            (Alerts in the editor); {unread === 0 ? 'nothing is waiting for you.' : `${unread} firing and not yet acknowledged.`}
          </>
        }
      />
      <fieldset className="mt-6 inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm">
        <legend className="sr-only">Show</legend>
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={state === f.value}
            onClick={() => setState(f.value)}
            className={`rounded px-3 py-1 text-sm font-medium ${state === f.value ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-50'}`}
          >
            {f.label}
          </button>
        ))}
      </fieldset>
      {error && (
        <div className="mt-4">
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      <ul className="mt-4 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid="alert-list">
        {loaded && alerts.length === 0 && <li className="px-4 py-8 text-center text-sm text-slate-500">No alerts here.</li>}
        {alerts.map((a) => (
          <li key={a.id} className="flex items-start gap-4 px-4 py-3" data-testid="alert-row" data-state={a.state}>
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={a.state === 'firing' ? 'red' : 'green'} dot pulse={a.state === 'firing' && !a.acknowledgedAt}>
                  {a.state}
                </Badge>
                <span className="font-medium text-slate-900">{KIND_LABELS[a.kind] ?? a.kind}</span>
                <Link href={`/vdcs/${encodeURIComponent(a.vdc)}`} className="font-mono text-slate-600 hover:text-indigo-700">
                  {a.appliance ? `${a.vdc}/${a.appliance}` : a.vdc}
                </Link>
                <span className="text-xs text-slate-500">
                  {a.firedAt && <RelativeTime iso={a.firedAt} />}
                  {a.resolvedAt && (
                    <>
                      {' · resolved '}
                      <RelativeTime iso={a.resolvedAt} />
                    </>
                  )}
                </span>
              </p>
              <p className="mt-1 text-sm text-slate-700">{a.message}</p>
              {a.deliveries.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-xs text-slate-500" data-testid="alert-deliveries">
                  {a.deliveries.map((d) => (
                    <li key={`${d.event}-${d.channel}-${d.target}`}>
                      {d.event} → {d.channel} {d.target}:{' '}
                      <span className={d.status === 'failed' ? 'text-rose-700' : d.status === 'pending' ? 'text-amber-700' : ''}>
                        {d.status === 'sent' ? 'sent' : d.status === 'pending' ? `retrying (${d.attempts} tried${d.lastError ? `: ${d.lastError}` : ''})` : `failed: ${d.lastError ?? 'gave up'}`}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            {a.state === 'firing' && !a.acknowledgedAt && (
              <Button size="sm" busy={acking === a.id} onClick={() => acknowledge(a)} data-testid="ack-alert">
                Acknowledge
              </Button>
            )}
            {a.acknowledgedAt && <span className="shrink-0 text-xs text-slate-500">acknowledged</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
