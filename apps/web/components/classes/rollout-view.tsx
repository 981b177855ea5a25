'use client';
// What a commit or rollback set in motion: one deploy per running VDC that follows the class,
// each replacing that VDC's replicas one at a time, followed live; a refused one says why.
import { useEffect } from 'react';
import { OperationView } from '../deploy/operation-view';
import { isActive, type OperationBody } from '../deploy/types';
import { useOperation } from '../deploy/use-operation';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Spinner } from '../ui/spinner';
import type { RolloutBody } from './types';

function DeployFollow({ vdc, operationId, onFinished }: { vdc: string; operationId: string; onFinished: (op: OperationBody) => void }) {
  const { operation, logs, error } = useOperation(vdc, operationId);
  const status = operation?.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when it ends
  useEffect(() => {
    if (operation && !isActive(operation)) onFinished(operation);
  }, [status]);
  return (
    <li className="flex h-56 flex-col overflow-hidden rounded-md bg-white ring-1 ring-slate-200" data-testid={`rollout-deploy-${vdc}`} data-status={status ?? 'unknown'}>
      {operation ? (
        <OperationView operation={operation} logs={logs} title={`Deploy of ${vdc}: replicas replaced one at a time`} />
      ) : error ? (
        <div className="p-3">
          <Alert>{error}</Alert>
        </div>
      ) : (
        <p role="status" className="flex items-center gap-2 px-3 py-3 text-xs text-slate-600">
          <Spinner className="text-indigo-600" /> Reading the deploy of {vdc}…
        </p>
      )}
    </li>
  );
}

export function RolloutView({ title, rollout, onFinished, onDismiss }: { title: string; rollout: RolloutBody; onFinished: () => void; onDismiss: () => void }) {
  const started = rollout.deploys.filter((d) => d.operationId);
  return (
    <section className="rounded-xl border border-slate-200 bg-slate-50/60 p-4" data-testid="rollout">
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        <Button size="sm" variant="ghost" className="ml-auto h-6 text-xs" onClick={onDismiss} aria-label="Dismiss">
          ✕
        </Button>
      </div>
      {rollout.deploys.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600" data-testid="rollout-empty">
          No running VDC follows {rollout.classId}, so nothing was redeployed. Stopped followers move onto version {rollout.version} on their next deploy; pinned ones stay where
          they are.
        </p>
      ) : (
        <ul className="mt-3 space-y-3">
          {rollout.deploys.map((d) =>
            d.operationId ? (
              <DeployFollow key={d.vdc} vdc={d.vdc} operationId={d.operationId} onFinished={onFinished} />
            ) : (
              <li key={d.vdc}>
                <Alert tone="warning" title={`${d.vdc} was not moved`}>
                  {d.refused ?? 'no deploy was started'}. It moves onto version {rollout.version} on its next deploy.
                </Alert>
              </li>
            ),
          )}
        </ul>
      )}
      {started.length > 0 && <p className="mt-2 text-xs text-slate-500">Each VDC is redeployed on its own; its load balancer keeps serving while the replicas are replaced.</p>}
    </section>
  );
}
