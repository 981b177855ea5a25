'use client';
// What became of a clone asked for on this page: its progress while it copies, then the new VDC
// (a link) and its first deploy's progress, or why it failed (the source is untouched).
import Link from 'next/link';
import { failureText, isActive, type OperationBody } from '../deploy/types';
import { useOperation } from '../deploy/use-operation';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Spinner } from '../ui/spinner';
import { OperationStatusBadge } from '../vdc-list/state-badges';
import { type CloneResult, editorHref, historyHref } from './types';

function Progress({ operation }: { operation: OperationBody }) {
  const step = operation.steps.find((s) => s.status === 'running');
  return (
    <span className="flex min-w-0 items-center gap-2">
      <OperationStatusBadge status={operation.status} progress={operation.progress} />
      {step && <span className="truncate text-xs text-slate-600">{step.title}</span>}
    </span>
  );
}

function FirstDeploy({ vdc, operationId }: { vdc: string; operationId: string }) {
  const { operation } = useOperation(vdc, operationId);
  if (!operation) return <Spinner className="text-indigo-600" />;
  return (
    <span className="flex min-w-0 items-center gap-2" data-testid="clone-deploy">
      <span className="text-xs text-slate-600">first deploy</span>
      <Progress operation={operation} />
      {operation.status === 'failed' && failureText(operation) && <span className="truncate text-xs text-rose-700">{failureText(operation)}</span>}
    </span>
  );
}

export function CloneOutcome(props: { sourceVdc: string; operationId: string; name: string; onShow: (op: OperationBody) => void; onDismiss: () => void }) {
  const { operation } = useOperation(props.sourceVdc, props.operationId);
  const result = operation?.status === 'succeeded' ? (operation.result as CloneResult | null) : null;
  const dismiss = (
    <Button size="sm" variant="ghost" className="ml-auto" onClick={props.onDismiss} aria-label="Dismiss">
      ✕
    </Button>
  );
  if (operation?.status === 'failed') {
    return (
      <Alert title={`The clone to ${props.name} failed`} testId="clone-outcome">
        <p>{failureText(operation) ?? 'See its steps and log.'}</p>
        <p className="mt-1 text-xs">{props.sourceVdc} is untouched, and no VDC named {props.name} was made.</p>
        <div className="mt-2 flex">
          <Button size="sm" onClick={() => props.onShow(operation)}>
            Steps and log
          </Button>
          {dismiss}
        </div>
      </Alert>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-indigo-200 bg-indigo-50/60 px-3 py-2 text-sm" data-testid="clone-outcome">
      {result ? (
        <>
          <span className="text-slate-800">
            Cloned to{' '}
            <Link href={editorHref(result.vdc)} className="font-semibold text-indigo-700 hover:underline" data-testid="clone-outcome-link">
              {result.vdc}
            </Link>
          </span>
          {result.ports && Object.keys(result.ports).length > 0 && (
            <span className="text-xs text-slate-600">
              ports {Object.entries(result.ports).map(([from, to]) => `${from} → ${to}`).join(', ')}
            </span>
          )}
          <FirstDeploy vdc={result.vdc} operationId={result.deployOperation} />
          <Link href={historyHref(result.vdc)} className="text-xs text-indigo-700 hover:underline">
            its history
          </Link>
        </>
      ) : (
        <>
          <span className="text-slate-800">
            Cloning {props.sourceVdc} to <b>{props.name}</b>
          </span>
          {operation ? <Progress operation={operation} /> : <Spinner className="text-indigo-600" />}
          {operation && isActive(operation) && (
            <Button size="sm" variant="ghost" className="h-7" onClick={() => props.onShow(operation)}>
              Steps and log
            </Button>
          )}
        </>
      )}
      {dismiss}
    </div>
  );
}
