'use client';
// Past operations of a VDC, newest first; picking one shows it in the panel.
import { formatDuration, formatTime } from './time-format';
import type { OperationBody } from './types';

const STATUS_COLOUR: Record<string, string> = {
  queued: 'text-slate-500',
  running: 'text-indigo-600',
  succeeded: 'text-emerald-700',
  failed: 'text-rose-700',
};

export function OperationHistory(props: { operations: OperationBody[]; selectedId?: string; onSelect: (id: string) => void }) {
  if (props.operations.length === 0) {
    return <p className="px-3 py-2 text-xs text-slate-500">No operations yet. Deploy to create the first.</p>;
  }
  return (
    <ul className="divide-y divide-slate-100" data-testid="operation-history">
      {props.operations.map((op) => (
        <li key={op.id}>
          <button
            type="button"
            onClick={() => props.onSelect(op.id)}
            className={`flex w-full items-center gap-2 px-3 py-1.5 text-left text-xs hover:bg-slate-50 ${op.id === props.selectedId ? 'bg-indigo-50' : ''}`}
          >
            <span className="w-16 font-medium capitalize text-slate-800">{op.kind}</span>
            {op.revision != null && <span className="text-slate-500">r{op.revision}</span>}
            <span className={`w-16 ${STATUS_COLOUR[op.status] ?? ''}`}>{op.status}</span>
            <span className="flex-1 text-right text-slate-500" title={op.createdAt}>
              {formatTime(op.createdAt)}
              {op.startedAt && op.finishedAt && ` · ${formatDuration(op.startedAt, op.finishedAt)}`}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
