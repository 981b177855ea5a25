'use client';
// The running (or last) operation live: status, percent, steps, log lines; its history a click away.
// Picking a past operation shows that one until "Back to live" or the next operation starts.
import { useEffect, useState } from 'react';
import { Alert } from '../ui/alert';
import { api, messageOf, vdcPath } from './api';
import { OperationHistory } from './operation-history';
import { OperationView } from './operation-view';
import type { LogLineBody, OperationBody } from './types';
import { useVdcLive } from './use-vdc-live';

export function OperationsPanel({ vdcName }: { vdcName: string }) {
  const live = useVdcLive(vdcName);
  const [history, setHistory] = useState<OperationBody[]>([]);
  const [historyError, setHistoryError] = useState<string>();
  const [picked, setPicked] = useState<{ operation: OperationBody; logs: LogLineBody[] }>();
  const [showHistory, setShowHistory] = useState(false);
  const liveKey = `${live.operation?.id}:${live.operation?.status}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the live operation starts or ends
  useEffect(() => {
    const ctl = new AbortController();
    api<{ operations: OperationBody[] }>(vdcPath(vdcName, '/operations'), { signal: ctl.signal })
      .then((r) => {
        setHistory(r.operations);
        setHistoryError(undefined);
      })
      .catch((err) => {
        if ((err as Error).name !== 'AbortError') setHistoryError(messageOf(err));
      });
    return () => ctl.abort();
  }, [vdcName, liveKey]);

  // A new operation (from this tab or another) takes the panel back to live.
  const liveId = live.operation?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the live operation changes
  useEffect(() => {
    setPicked(undefined);
    setShowHistory(false);
  }, [liveId]);

  async function pick(id: string) {
    setShowHistory(false);
    if (id === live.operation?.id) return setPicked(undefined);
    try {
      setPicked(await api<{ operation: OperationBody; logs: LogLineBody[] }>(`/operations/${encodeURIComponent(id)}`));
    } catch (err) {
      setHistoryError(messageOf(err));
    }
  }

  const shown = picked ?? (live.operation ? { operation: live.operation, logs: live.logs } : undefined);
  return (
    <section data-testid="operations-panel" className="flex h-full min-h-0 flex-col bg-white text-sm">
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Operations</h2>
        <span
          className={`size-1.5 rounded-full ${live.connected ? 'bg-emerald-500' : 'bg-slate-300'}`}
          title={live.connected ? 'live' : (live.problem ?? 'connecting…')}
        />
        <span className="ml-auto" />
        {picked && !showHistory && (
          <button type="button" className="text-xs text-indigo-600 hover:underline" onClick={() => setPicked(undefined)}>
            Back to live
          </button>
        )}
        <button
          type="button"
          data-testid="operation-history-toggle"
          aria-pressed={showHistory}
          className={`rounded px-2 py-0.5 text-xs font-medium ${showHistory ? 'bg-indigo-50 text-indigo-700' : 'text-slate-600 hover:bg-slate-100'}`}
          onClick={() => setShowHistory((v) => !v)}
        >
          History ({history.length})
        </button>
      </header>
      {live.problem && (
        <div className="mx-3 mt-2">
          <Alert>{live.problem}</Alert>
        </div>
      )}
      {showHistory ? (
        <div className="min-h-0 flex-1 overflow-y-auto">
          {historyError && <p className="px-3 py-1 text-xs text-rose-700">{historyError}</p>}
          <OperationHistory operations={history} selectedId={shown?.operation.id} onSelect={pick} />
        </div>
      ) : shown ? (
        <OperationView operation={shown.operation} logs={shown.logs} />
      ) : (
        <p className="px-3 py-4 text-xs text-slate-500">Nothing has run yet. Press Deploy: the plan comes first, then progress shows here.</p>
      )}
    </section>
  );
}
