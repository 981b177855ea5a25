'use client';
// Recent log lines of an appliance's containers; with follow on, new lines stream in (SSE).
import { useCallback, useEffect, useState } from 'react';
import { Button } from '../ui/button';
import { api, messageOf, vdcPath } from './api';
import { LogView } from './log-view';

interface Line {
  key: number;
  container: string;
  line: string;
}

const TAIL = 200;
const MAX_LINES = 3000;

export function ApplianceLogPanel({ vdcName, appliance }: { vdcName: string; appliance: string }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [follow, setFollow] = useState(true);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string>();
  const [only, setOnly] = useState('');
  const base = vdcPath(vdcName, `/appliances/${encodeURIComponent(appliance)}/logs`);

  const refresh = useCallback(async () => {
    try {
      const body = await api<{ lines: { container: string; line: string }[] }>(`${base}?tail=${TAIL}`);
      setLines(body.lines.map((l, i) => ({ key: i, ...l })));
      setError(undefined);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [base]);

  useEffect(() => {
    if (!follow) return;
    let n = 0;
    const source = new EventSource(`/api/v1${base}?tail=${TAIL}&follow=1`);
    // Every (re)connection sends the tail again: start over rather than repeat lines.
    source.addEventListener('open', () => {
      setLines([]);
      setLive(true);
      setError(undefined);
    });
    source.addEventListener('log', (e) => {
      const l = JSON.parse((e as MessageEvent).data) as { container: string; line: string };
      setLines((prev) => [...prev.slice(-(MAX_LINES - 1)), { key: ++n, ...l }]);
    });
    source.addEventListener('problem', (e) => setError(JSON.parse((e as MessageEvent).data).error?.message));
    source.addEventListener('error', () => {
      setLive(false);
      if (source.readyState === EventSource.CLOSED) setError('The log stream was refused; reload the page to try again.');
    });
    return () => {
      source.close();
      setLive(false);
    };
  }, [follow, base]);

  const containers = [...new Set(lines.map((l) => l.container))].sort();
  const shown = only ? lines.filter((l) => l.container === only) : lines;
  const many = containers.length > 1;
  return (
    <section className="flex min-h-0 flex-col overflow-hidden rounded-md border border-slate-200 bg-white" data-testid="appliance-logs">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2">
        <h2 className="text-sm font-semibold text-slate-900">Logs</h2>
        <label className="flex items-center gap-1.5 text-xs text-slate-700">
          <input type="checkbox" data-testid="logs-follow" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        {follow && <span className={`text-xs ${live ? 'text-emerald-700' : 'text-slate-500'}`}>{live ? '● live' : 'connecting…'}</span>}
        {many && (
          <select className="rounded border border-slate-300 px-1 py-0.5 text-xs" value={only} onChange={(e) => setOnly(e.target.value)} aria-label="Container">
            <option value="">all containers</option>
            {containers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
        {!follow && (
          <Button size="sm" className="ml-auto" onClick={refresh}>
            Refresh
          </Button>
        )}
      </header>
      {error && <p className="border-b border-rose-100 bg-rose-50 px-3 py-1.5 text-xs text-rose-800">{error}</p>}
      <LogView
        className="h-96"
        empty={follow ? 'Waiting for log lines…' : 'No log lines.'}
        lines={shown.map((l) => ({ key: l.key, text: l.line, prefix: many && !only ? l.container.replace(/^.*-(\d+)$/, '#$1') : undefined }))}
      />
    </section>
  );
}
