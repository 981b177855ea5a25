'use client';
// One operation followed live by id (see use-operation.ts), shown as steps, percent and log.
import { Alert } from '../ui/alert';
import { Spinner } from '../ui/spinner';
import { OperationView } from './operation-view';
import type { OperationBody } from './types';
import { useOperation } from './use-operation';

export function FollowedOperation({ vdcName, operationId, initial, title }: { vdcName: string; operationId: string; initial?: OperationBody; title?: string }) {
  const { operation, logs, error } = useOperation(vdcName, operationId, initial);
  if (!operation) {
    return error ? (
      <div className="p-3">
        <Alert>{error}</Alert>
      </div>
    ) : (
      <p role="status" className="flex items-center gap-2 px-3 py-3 text-xs text-slate-600">
        <Spinner className="text-indigo-600" /> Reading the operation…
      </p>
    );
  }
  return <OperationView operation={operation} logs={logs} title={title} />;
}
