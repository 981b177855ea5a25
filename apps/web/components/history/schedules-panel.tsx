'use client';
// A VDC's schedules beside its history: snapshots keeping the last N, stops and starts, each on a
// cron read in UTC with its next run shown; add one, switch one off or on, delete one. Refusals
// are the server's own words (they name the field).
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { Alert } from '../ui/alert';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Input } from '../ui/input';
import { kindText, lastRunText, nextRunText, type ScheduleBody } from './schedule-format';

type Kind = ScheduleBody['kind'];

function message(err: unknown): string {
  return err instanceof ApiError || err instanceof Error ? err.message : String(err);
}

export function SchedulesPanel({ vdcName }: { vdcName: string }) {
  const base = `/vdcs/${encodeURIComponent(vdcName)}/schedules`;
  const [schedules, setSchedules] = useState<ScheduleBody[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [kind, setKind] = useState<Kind>('snapshot');
  const [cron, setCron] = useState('0 3 * * *');
  const [keep, setKeep] = useState('7');
  const [now, setNow] = useState(() => Date.now());
  const ids = useId();

  const load = useCallback(async () => {
    try {
      setSchedules((await apiFetch<{ schedules: ScheduleBody[] }>(base)).schedules);
      setNow(Date.now());
    } catch (err) {
      setError(message(err));
    }
  }, [base]);

  useEffect(() => {
    void load();
    // Next and last runs move on their own: read them again now and then.
    const timer = setInterval(() => void load(), 30_000);
    return () => clearInterval(timer);
  }, [load]);

  async function act(key: string, run: () => Promise<unknown>) {
    setBusy(key);
    setError(undefined);
    try {
      await run();
      await load();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(undefined);
    }
  }

  function add(e: FormEvent) {
    e.preventDefault();
    // A keep that is not a number is sent as given, so the server names the field.
    const keepValue = /^\d+$/.test(keep.trim()) ? Number(keep.trim()) : keep;
    void act('add', () => apiFetch(base, { method: 'POST', body: { kind, cron, ...(kind === 'snapshot' ? { keep: keepValue } : {}) } }));
  }

  return (
    <section className="mt-4 rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5" aria-label="Schedules" data-testid="schedules">
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Schedules</h2>
        <span className="text-xs text-slate-500">cron, in UTC</span>
      </header>
      <div className="space-y-3 px-3 py-3">
        {error && <Alert testId="schedules-error">{error}</Alert>}
        {schedules === undefined ? (
          <p className="text-xs text-slate-500">Reading schedules…</p>
        ) : schedules.length === 0 ? (
          <p className="text-xs text-slate-500">No schedules. Take snapshots every night, or stop the VDC in the evening and start it in the morning.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="schedule-list">
            {schedules.map((s) => (
              <li key={s.id} className="py-2 text-sm" data-testid="schedule-row" data-schedule-id={s.id}>
                <div className="flex items-center gap-2">
                  <span className="font-medium text-slate-800">{kindText(s)}</span>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{s.cron}</code>
                  <label className="ml-auto flex items-center gap-1 text-xs text-slate-600">
                    <input
                      type="checkbox"
                      checked={s.enabled}
                      disabled={busy !== undefined}
                      onChange={(e) => void act(s.id, () => apiFetch(`${base}/${s.id}`, { method: 'PATCH', body: { enabled: e.target.checked } }))}
                      data-testid="schedule-enabled"
                    />
                    on
                  </label>
                  <Button
                    size="sm"
                    variant="ghost"
                    busy={busy === `rm:${s.id}`}
                    disabled={busy !== undefined}
                    onClick={() => {
                      if (window.confirm(`Delete this ${s.kind} schedule? The snapshots it took stay.`)) void act(`rm:${s.id}`, () => apiFetch(`${base}/${s.id}`, { method: 'DELETE' }));
                    }}
                    data-testid="schedule-delete"
                  >
                    Delete
                  </Button>
                </div>
                <p className="mt-0.5 text-xs text-slate-500">
                  Next: <span data-testid="schedule-next">{nextRunText(s, now)}</span> · Last: {lastRunText(s)}
                </p>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={add} className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3" data-testid="schedule-form">
          <label className="text-xs text-slate-600">
            Kind
            <select
              className="mt-1 block h-9 rounded-md border border-slate-300 bg-white px-2 text-sm"
              value={kind}
              onChange={(e) => {
                const next = e.target.value as Kind;
                setKind(next);
                setCron(next === 'snapshot' ? '0 3 * * *' : next === 'stop' ? '0 22 * * mon-fri' : '0 7 * * mon-fri');
              }}
              data-testid="schedule-kind"
            >
              <option value="snapshot">Snapshot</option>
              <option value="stop">Stop</option>
              <option value="start">Start</option>
            </select>
          </label>
          <label htmlFor={`${ids}-cron`} className="min-w-36 flex-1 text-xs text-slate-600">
            Cron (UTC)
            <Input id={`${ids}-cron`} className="mt-1 font-mono" value={cron} onChange={(e) => setCron(e.target.value)} data-testid="schedule-cron" />
          </label>
          {kind === 'snapshot' && (
            <label htmlFor={`${ids}-keep`} className="w-16 text-xs text-slate-600">
              Keep
              <Input id={`${ids}-keep`} className="mt-1" value={keep} onChange={(e) => setKeep(e.target.value)} inputMode="numeric" data-testid="schedule-keep" />
            </label>
          )}
          <Button type="submit" variant="primary" busy={busy === 'add'} disabled={busy !== undefined} data-testid="schedule-add">
            Add
          </Button>
        </form>
      </div>
    </section>
  );
}
