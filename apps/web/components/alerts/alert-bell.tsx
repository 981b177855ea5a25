'use client';
// The bell in the top bar: how many alerts are firing and not yet acknowledged, and the latest
// few a click away, with the way to the notification centre.
import Link from 'next/link';
import { useMenu } from '../ui/use-menu';
import { RelativeTime } from '../vdc-list/relative-time';
import { KIND_LABELS, useAlerts } from './use-alerts';

export function AlertBell() {
  const { alerts, unread } = useAlerts({ state: 'firing' });
  const { open, setOpen, root } = useMenu();
  const label = unread === 0 ? 'Alerts: none unread' : `Alerts: ${unread} unread`;
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={label}
        title={label}
        data-testid="alert-bell"
        className="relative flex size-9 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span data-testid="alert-count" className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-rose-600 px-1 text-[10px] font-semibold text-white tabular-nums">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-40 mt-2 w-96 overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-900/10">
          <div className="border-b border-slate-100 px-4 py-2.5 text-sm font-medium text-slate-900">Firing alerts</div>
          {alerts.length === 0 ? (
            <p className="px-4 py-4 text-sm text-slate-500">Nothing is firing. Colo tells you here when an appliance fails.</p>
          ) : (
            <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto">
              {alerts.slice(0, 6).map((a) => (
                <li key={a.id} className="px-4 py-2.5">
                  <p className="flex items-center gap-2 text-xs text-slate-500">
                    <span className={`size-1.5 rounded-full ${a.acknowledgedAt ? 'bg-slate-300' : 'bg-rose-500'}`} aria-hidden />
                    <span className="font-medium text-slate-700">{KIND_LABELS[a.kind] ?? a.kind}</span>
                    <span className="font-mono">{a.appliance ? `${a.vdc}/${a.appliance}` : a.vdc}</span>
                    {a.firedAt && <RelativeTime iso={a.firedAt} />}
                  </p>
                  <p className="mt-0.5 line-clamp-2 text-sm text-slate-800">{a.message}</p>
                </li>
              ))}
            </ul>
          )}
          <Link role="menuitem" href="/alerts" onClick={() => setOpen(false)} className="block border-t border-slate-100 px-4 py-2 text-sm font-medium text-indigo-700 hover:bg-slate-50" data-testid="all-alerts-link">
            All alerts
          </Link>
        </div>
      )}
    </div>
  );
}
