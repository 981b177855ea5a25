'use client';
// One operation as it runs: kind, status, percent, a clock that keeps ticking, steps and log lines.
// Shared by the editor's operations panel, the history page and the entries page.
import { useEffect, useState } from 'react';
import { Alert } from '../ui/alert';
import { Spinner } from '../ui/spinner';
import { FailureView } from './failure-view';
import { LogView } from './log-view';
import { OperationSteps } from './operation-steps';
import { operationTitle } from './operation-title';
import { formatDuration } from './time-format';
import { isActive, type LogLineBody, type OperationBody } from './types';

const BAR: Record<string, string> = { failed: 'bg-rose-500', succeeded: 'bg-emerald-500' };
const BADGE: Record<string, string> = {
  queued: 'bg-slate-100 text-slate-700',
  running: 'bg-indigo-50 text-indigo-700',
  succeeded: 'bg-emerald-50 text-emerald-700',
  failed: 'bg-rose-50 text-rose-700',
};

/** "12s" since the operation started (or was asked for), refreshed every second while it is active. */
function Elapsed({ operation }: { operation: OperationBody }) {
  const active = isActive(operation);
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(new Date().toISOString()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  const from = operation.startedAt ?? operation.createdAt;
  const to = active ? now : (operation.finishedAt ?? now);
  return (
    <span className="text-xs tabular-nums text-slate-500" title={active ? 'running for' : 'took'} suppressHydrationWarning>
      {formatDuration(from, to)}
    </span>
  );
}

export function OperationView({ operation, logs, title }: { operation: OperationBody; logs: LogLineBody[]; title?: string }) {
  const pct = Math.max(0, Math.min(100, operation.progress));
  const active = isActive(operation);
  return (
    // A container query: side by side in a wide bottom panel, stacked in a narrow side panel.
    <div className="@container flex min-h-0 flex-1 flex-col" data-testid="operation-view" data-operation={operation.id}>
      <div className="flex items-center gap-2 px-3 py-2">
        <span className="truncate text-sm font-medium text-slate-900" data-testid="operation-title">
          {title ?? operationTitle(operation)}
        </span>
        <span data-testid="operation-status" className={`ml-auto rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[operation.status] ?? ''}`}>
          {operation.status}
        </span>
        <Elapsed operation={operation} />
        <span className="w-9 text-right text-xs tabular-nums text-slate-600">{pct}%</span>
      </div>
      <div className="mx-3 h-1.5 shrink-0 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div
          className={`h-full transition-[width] duration-500 ${BAR[operation.status] ?? 'bg-indigo-500'} ${active ? 'animate-pulse' : ''}`}
          // An active operation at 0% still shows a sliver that breathes, so it never looks stuck.
          style={{ width: `${active ? Math.max(pct, 2) : pct}%` }}
        />
      </div>
      {operation.status === 'queued' && (
        <p className="mx-3 mt-2 flex items-center gap-2 text-xs text-slate-600" data-testid="operation-queued">
          <Spinner className="text-slate-500" /> Waiting for the worker: operations of one VDC run one at a time.
        </p>
      )}
      {operation.failure ? (
        <div className="mx-3 mt-2">
          <FailureView operation={operation} failure={operation.failure} />
        </div>
      ) : (
        operation.error && (
          <div className="mx-3 mt-2">
            <Alert>{operation.error}</Alert>
          </div>
        )
      )}
      <div className="mt-2 grid min-h-0 flex-1 grid-cols-1 grid-rows-[auto_minmax(0,1fr)] border-t border-slate-100 @xl:grid-cols-2 @xl:grid-rows-[minmax(0,1fr)]">
        <div className="max-h-48 min-h-0 overflow-y-auto @xl:max-h-none @xl:border-r @xl:border-slate-100">
          <OperationSteps steps={operation.steps} rawErrors={!operation.failure} />
        </div>
        <LogView className="min-h-24" lines={logs.map((l) => ({ key: l.seq, text: l.message }))} />
      </div>
    </div>
  );
}
