'use client';
// A failed operation as a person can act on it: what happened and what to do in plain words,
// Docker's own text behind "Details", and the two next steps right there — Retry (the same
// deploy again, once the cause is fixed) and Roll back to the last revision that deployed.
import { useEffect, useState } from 'react';
import type { OperationFailure } from '@colo/api';
import { Button } from '../ui/button';
import { api, messageOf, vdcPath } from './api';
import { noteOperation } from './live-store';
import type { OperationBody } from './types';

export function FailureView({ operation, failure }: { operation: OperationBody; failure: OperationFailure }) {
  const [busy, setBusy] = useState<'retry' | 'rollback'>();
  const [error, setError] = useState<string>();
  const retry = failure.retryRevision ?? undefined;
  const rollback = failure.rollbackRevision ?? undefined;
  const offers = retry !== undefined || rollback !== undefined;
  const viewer = useIsViewer(operation.vdc, offers);

  async function deploy(which: 'retry' | 'rollback', revision: number) {
    setBusy(which);
    setError(undefined);
    try {
      const { operation: started } = await api<{ operation: OperationBody }>(vdcPath(operation.vdc, '/deploy'), { method: 'POST', body: { revision } });
      noteOperation(operation.vdc, started);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div role="alert" data-testid="failure-view" data-class={failure.class} className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">
      <p className="font-medium" data-testid="failure-message" data-appliance={failure.appliance ?? undefined}>
        {failure.message}
      </p>
      <p className="mt-0.5 text-rose-800" data-testid="failure-fix">
        {failure.fix}
      </p>
      {offers && viewer && (
        <p className="mt-1 text-xs text-rose-800" data-testid="failure-viewer-note">
          An operator of the VDC's team can Retry or roll back.
        </p>
      )}
      {offers && !viewer && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {retry !== undefined && (
            <Button size="sm" variant="primary" data-testid="failure-retry" busy={busy === 'retry'} disabled={busy !== undefined} onClick={() => deploy('retry', retry)} title={`Deploy revision ${retry} again`}>
              Retry
            </Button>
          )}
          {rollback !== undefined && (
            <Button size="sm" data-testid="failure-rollback" busy={busy === 'rollback'} disabled={busy !== undefined} onClick={() => deploy('rollback', rollback)} title={`Deploy revision ${rollback}, the last that deployed`}>
              Roll back to revision {rollback}
            </Button>
          )}
          {error && (
            <span className="text-xs text-rose-800" data-testid="failure-action-error">
              {error}
            </span>
          )}
        </div>
      )}
      <details className="mt-2" data-testid="failure-details">
        <summary className="cursor-pointer text-xs font-medium text-rose-800">Details</summary>
        <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-white/70 p-2 font-mono text-[11px] text-slate-800">{failure.details}</pre>
      </details>
    </div>
  );
}

/** Whether the caller only views this VDC (the team role GET /vdcs/:name names): no Retry to offer. */
function useIsViewer(vdcName: string, ask: boolean): boolean {
  const [viewer, setViewer] = useState(false);
  useEffect(() => {
    if (!ask) return;
    const ctl = new AbortController();
    api<{ vdc: { team?: { role?: string } } }>(vdcPath(vdcName), { signal: ctl.signal })
      .then((body) => setViewer(body.vdc.team?.role === 'viewer'))
      .catch(() => undefined); // unknown: offer the buttons; the server still refuses a viewer
    return () => ctl.abort();
  }, [vdcName, ask]);
  return viewer;
}
