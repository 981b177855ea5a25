'use client';
// Everything the history page lists, loaded in parallel through the REST API and loaded again
// whenever the VDC's live operation starts, ends or finishes a step (one shared event stream,
// live-store). The running operation itself comes from the stream, so its percent moves between
// reloads.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { useVdcLive } from '../deploy/use-vdc-live';
import type { HistoryVdcBody, OperationBody, RevisionBody, SnapshotBody } from './types';

export interface VdcHistory {
  vdc: HistoryVdcBody;
  revisions: RevisionBody[];
  snapshots: SnapshotBody[];
  operations: OperationBody[];
}

export type HistoryState = { status: 'loading' } | { status: 'missing' } | { status: 'failed'; message: string } | ({ status: 'ready'; refreshError?: string } & VdcHistory);

const vdcUrl = (name: string, rest = '') => `/vdcs/${encodeURIComponent(name)}${rest}`;

async function loadHistory(name: string, signal: AbortSignal): Promise<VdcHistory> {
  const [vdc, revisions, snapshots, operations] = await Promise.all([
    apiFetch<{ vdc: HistoryVdcBody }>(vdcUrl(name), { signal }),
    apiFetch<{ revisions: RevisionBody[] }>(vdcUrl(name, '/revisions'), { signal }),
    apiFetch<{ snapshots: SnapshotBody[] }>(vdcUrl(name, '/snapshots'), { signal }),
    apiFetch<{ operations: OperationBody[] }>(vdcUrl(name, '/operations'), { signal }),
  ]);
  return { vdc: vdc.vdc, revisions: revisions.revisions, snapshots: snapshots.snapshots, operations: operations.operations };
}

export function useVdcHistory(name: string): { state: HistoryState; reload: () => void } {
  const live = useVdcLive(name);
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // A new operation, one ending, or one finishing a step changes what the lists hold (a restore's
  // safety snapshot is ready after its first step, long before the restore ends).
  const stepsDone = live.operation?.steps.filter((s) => s.status === 'done').length ?? 0;
  const liveKey = `${live.operation?.id}:${live.operation?.status}:${stepsDone}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when asked and when the live operation starts or ends
  useEffect(() => {
    const ctl = new AbortController();
    loadHistory(name, ctl.signal)
      .then((history) => setState({ status: 'ready', ...history }))
      .catch((err: unknown) => {
        if (ctl.signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) return setState({ status: 'missing' });
        const message = (err as Error).message;
        // Already showing the history: keep it, and say the refresh failed.
        setState((prev) => (prev.status === 'ready' ? { ...prev, refreshError: message } : { status: 'failed', message }));
      });
    return () => ctl.abort();
  }, [name, attempt, liveKey]);

  // The stream's copy of the running operation is fresher than the list's.
  const merged = useMemo<HistoryState>(() => {
    if (state.status !== 'ready' || !live.operation) return state;
    const op = live.operation;
    const known = state.operations.some((o) => o.id === op.id);
    const operations = known ? state.operations.map((o) => (o.id === op.id ? { ...o, ...op } : o)) : [op, ...state.operations];
    return { ...state, operations };
  }, [state, live.operation]);

  return { state: merged, reload };
}
