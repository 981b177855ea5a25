'use client';
// The operation an entry is going through (create, switch, removal), live under its row: steps,
// percent and log while it runs; a one-line outcome once it is done.
import { useEffect, useState } from 'react';
import { OperationView } from '../deploy/operation-view';
import { failureText, isActive, type OperationBody } from '../deploy/types';
import { useOperation } from '../deploy/use-operation';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Spinner } from '../ui/spinner';

export function EntryOperation(props: { entry: string; operation: OperationBody; onFinished: (operation: OperationBody) => void; onDismiss: () => void }) {
  const { operation, logs, error } = useOperation(props.operation.vdc, props.operation.id, props.operation);
  const [open, setOpen] = useState(true);
  const status = operation?.status;
  const active = isActive(operation);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when it ends
  useEffect(() => {
    if (operation && (status === 'succeeded' || status === 'failed')) props.onFinished(operation);
  }, [status]);

  if (!operation) {
    return (
      <p role="status" className="flex items-center gap-2 px-4 py-2 text-xs text-slate-600">
        <Spinner className="text-indigo-600" /> Following the operation…
      </p>
    );
  }
  return (
    <div className="border-t border-slate-100 bg-slate-50/60 px-4 py-2" data-testid={`entry-operation-${props.entry}`} data-status={operation.status}>
      <div className="flex items-center gap-2 text-xs">
        {active ? <Spinner className="text-indigo-600" /> : <span className={operation.status === 'failed' ? 'text-rose-600' : 'text-emerald-600'}>{operation.status === 'failed' ? '✕' : '✓'}</span>}
        <span className="text-slate-700">
          {active ? 'Working on it' : operation.status === 'failed' ? 'It failed' : 'Done'} · operation on <b>{operation.vdc}</b>
        </span>
        <Button size="sm" variant="ghost" className="ml-auto h-6 text-xs" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
          {open ? 'Hide steps' : 'Steps and log'}
        </Button>
        {!active && (
          <Button size="sm" variant="ghost" className="h-6 text-xs" onClick={props.onDismiss} aria-label="Dismiss">
            ✕
          </Button>
        )}
      </div>
      {error && <p className="mt-1 text-xs text-amber-800">{error}; trying again…</p>}
      {!open && failureText(operation) && (
        <div className="mt-2">
          <Alert>{failureText(operation)}</Alert>
        </div>
      )}
      {open && (
        <div className="mt-2 flex h-60 flex-col overflow-hidden rounded-md bg-white ring-1 ring-slate-200">
          <OperationView operation={operation} logs={logs} />
        </div>
      )}
    </div>
  );
}
