'use client';
// The overview: every VDC of my teams (state, health, use now, firing alerts), recent alerts and
// each team's quota, refreshed every 10 s while the tab is visible.
import type { OverviewAnswer } from '@colo/api';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { apiFetch } from '../ui/api-fetch';
import { Badge } from '../ui/badge';
import { formatBytes } from '../../lib/format-bytes';
import { ago, formatCores, healthTone, percent, stateTone } from './overview-format';

const REFRESH_MS = 10_000;

function vdcHref(v: OverviewAnswer['vdcs'][number], ambiguous: Set<string>): string {
  const slug = v.team?.slug;
  return `/vdcs/${encodeURIComponent(ambiguous.has(v.name) && slug ? `${v.name}@${slug}` : v.name)}`;
}

function Stat({ label, value, tone }: { label: string; value: string | number; tone?: 'red' | 'amber' }) {
  const color = tone === 'red' ? 'text-rose-700' : tone === 'amber' ? 'text-amber-800' : 'text-slate-900';
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${color}`}>{value}</div>
    </div>
  );
}

function Meter({ label, used, limit, text }: { label: string; used: number; limit: number; text: string }) {
  const p = percent(used, limit);
  return (
    <div className="text-xs">
      <div className="flex justify-between text-slate-700">
        <span>{label}</span>
        <span>{text}</span>
      </div>
      {/* The words above say it; the bar is for the eye. */}
      <div aria-hidden className="mt-1 h-1.5 rounded-full bg-slate-100">
        <div className={`h-1.5 rounded-full ${p >= 90 ? 'bg-rose-500' : p >= 70 ? 'bg-amber-500' : 'bg-indigo-500'}`} style={{ width: `${p}%` }} />
      </div>
    </div>
  );
}

export function OverviewView({ initial }: { initial: OverviewAnswer }) {
  const [data, setData] = useState(initial);
  const [stale, setStale] = useState(false);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const next = await apiFetch<OverviewAnswer>('/overview');
        if (!stopped) {
          setData(next);
          setStale(false);
        }
      } catch {
        if (!stopped) setStale(true);
      }
    };
    const timer = setInterval(tick, REFRESH_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, []);

  const names = new Map<string, number>();
  for (const v of data.vdcs) names.set(v.name, (names.get(v.name) ?? 0) + 1);
  const ambiguous = new Set([...names].filter(([, n]) => n > 1).map(([name]) => name));
  const firing = data.alerts.filter((a) => a.state === 'firing');
  const showTeam = data.teams.length > 1;

  return (
    <div className="mx-auto w-full max-w-6xl space-y-6 px-6 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Overview</h1>
          <p className="mt-1 text-sm text-slate-600">Everything your teams run: state, health, what it uses now and what needs attention.</p>
        </div>
        <p className="text-xs text-slate-600" aria-live="polite">
          {stale ? 'Could not refresh: showing the last answer' : 'Updates every 10 s'}
        </p>
      </div>
      {!data.dockerReachable && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The Docker engine could not be asked: health is unknown until it answers.
        </p>
      )}
      <section aria-label="Totals" className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Stat label="VDCs" value={data.totals.vdcs} />
        <Stat label="Running" value={data.totals.running} />
        <Stat label="Unhealthy" value={data.totals.unhealthy} tone={data.totals.unhealthy > 0 ? 'amber' : undefined} />
        <Stat label="Firing alerts" value={data.totals.firingAlerts} tone={data.totals.firingAlerts > 0 ? 'red' : undefined} />
        <Stat label="In use now" value={`${formatCores(data.totals.cpu)} CPU · ${formatBytes(data.totals.memoryUsed)}`} />
      </section>

      <section aria-labelledby="overview-vdcs" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="overview-vdcs" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
          VDCs
        </h2>
        {data.vdcs.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">
            No VDCs yet. <Link className="font-medium text-indigo-700 underline" href="/vdcs">Create one</Link> from an assembly or a blank canvas.
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Name</th>
                {showTeam && <th scope="col" className="px-4 py-2 font-medium">Team</th>}
                <th scope="col" className="px-4 py-2 font-medium">State</th>
                <th scope="col" className="px-4 py-2 font-medium">Health</th>
                <th scope="col" className="px-4 py-2 font-medium">CPU</th>
                <th scope="col" className="px-4 py-2 font-medium">Memory</th>
                <th scope="col" className="px-4 py-2 font-medium">Alerts</th>
              </tr>
            </thead>
            <tbody>
              {data.vdcs.map((v) => (
                <tr key={v.id} data-testid={`overview-vdc-${v.name}`} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <Link href={vdcHref(v, ambiguous)} className="font-medium text-indigo-700 hover:underline">
                      {v.name}
                    </Link>
                  </td>
                  {showTeam && <td className="px-4 py-2 text-slate-700">{v.team?.name ?? v.team?.slug}</td>}
                  <td className="px-4 py-2">
                    <Badge tone={stateTone(String(v.state ?? ''))}>{v.state}</Badge>
                  </td>
                  <td className="px-4 py-2" data-testid="overview-health">
                    {v.health && v.health.word !== 'none' ? (
                      <Badge tone={healthTone(v.health.word)} dot>
                        {v.health.word} · {v.health.healthy}/{v.health.containers}
                      </Badge>
                    ) : (
                      <span className="text-slate-600">—</span>
                    )}
                  </td>
                  <td className="px-4 py-2 tabular-nums text-slate-800">{v.usage ? formatCores(v.usage.cpu) : '—'}</td>
                  <td className="px-4 py-2 tabular-nums text-slate-800">{v.usage ? formatBytes(v.usage.memoryUsed) : '—'}</td>
                  <td className="px-4 py-2">{v.firingAlerts > 0 ? <Badge tone="red">{v.firingAlerts} firing</Badge> : <span className="text-slate-600">none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="overview-alerts" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="overview-alerts" className="flex items-center justify-between border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
            <span>Recent alerts {firing.length > 0 && <Badge tone="red">{firing.length} firing</Badge>}</span>
            <Link href="/alerts" className="text-xs font-medium text-indigo-700 hover:underline">All alerts</Link>
          </h2>
          {data.alerts.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600">No alerts: nothing has needed attention.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {data.alerts.map((a) => (
                <li key={a.id} className="px-4 py-2 text-sm" data-testid="overview-alert">
                  <div className="flex items-center gap-2">
                    <Badge tone={a.state === 'firing' ? 'red' : 'gray'}>{a.state}</Badge>
                    <span className="font-medium text-slate-900">{a.vdc}{a.appliance ? ` · ${a.appliance}` : ''}</span>
                    <span className="ml-auto text-xs text-slate-600">{ago(a.state === 'firing' ? a.firedAt : a.resolvedAt)}</span>
                  </div>
                  <p className="mt-0.5 text-slate-700">{a.message}</p>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="overview-teams" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="overview-teams" className="flex items-center justify-between border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
            <span>Teams and quotas</span>
            <Link href="/teams" className="text-xs font-medium text-indigo-700 hover:underline">Teams</Link>
          </h2>
          <ul className="divide-y divide-slate-100">
            {data.teams.map((t) => (
              <li key={t.slug} className="space-y-2 px-4 py-3">
                <div className="flex items-center gap-2 text-sm">
                  <span className="font-medium text-slate-900">{t.personal ? `${t.name} (personal)` : t.name}</span>
                  <Badge tone="indigo">{t.role}</Badge>
                  <span className="ml-auto text-xs text-slate-600">{t.vdcs} {t.vdcs === 1 ? 'VDC' : 'VDCs'}</span>
                </div>
                <Meter label="Containers" used={t.quota.usage.containers} limit={t.quota.limits.containers} text={`${t.quota.usage.containers} of ${t.quota.limits.containers}`} />
                <Meter label="CPU" used={t.quota.usage.cpu} limit={t.quota.limits.cpu} text={`${formatCores(t.quota.usage.cpu)} of ${formatCores(t.quota.limits.cpu)}`} />
                <Meter label="Memory" used={t.quota.usage.memory} limit={t.quota.limits.memory} text={`${formatBytes(t.quota.usage.memory)} of ${formatBytes(t.quota.limits.memory)}`} />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
