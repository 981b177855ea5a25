'use client';
// One line of the history timeline: a saved revision, a snapshot, or an operation, each with
// its own actions.
import Link from 'next/link';
import { operationTitle } from '../deploy/operation-title';
import { formatDuration } from '../deploy/time-format';
import { failureText } from '../deploy/types';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Spinner } from '../ui/spinner';
import { RelativeTime } from '../vdc-list/relative-time';
import { OperationStatusBadge } from '../vdc-list/state-badges';
import { formatBytes } from '../../lib/format-bytes';
import { formatMethod, formatMs } from './snapshot-format';
import type { TimelineItem } from './timeline';
import { type CloneResult, editorHref, historyHref, type OperationBody, type SnapshotBody } from './types';

export interface TimelineActions {
  /** Why actions that start an operation are off now (one is running), if they are. */
  blocked?: string;
  selectedOperationId?: string;
  onDiff: (from: number, to: number) => void;
  onRestore: (s: SnapshotBody) => void;
  onDelete: (s: SnapshotBody) => void;
  onClone: (s: SnapshotBody) => void;
  onSelectOperation: (op: OperationBody) => void;
}

const DOT: Record<TimelineItem['type'], string> = {
  revision: 'bg-sky-500 ring-sky-100',
  snapshot: 'bg-violet-500 ring-violet-100',
  operation: 'bg-slate-400 ring-slate-100',
};
const OP_DOT: Record<string, string> = { running: 'bg-indigo-500 ring-indigo-100 animate-pulse', queued: 'bg-sky-400 ring-sky-100 animate-pulse', failed: 'bg-rose-500 ring-rose-100', succeeded: 'bg-emerald-500 ring-emerald-100' };

function Row({ item, dot, children }: { item: TimelineItem; dot: string; children: React.ReactNode }) {
  return (
    <li className="relative flex gap-3 py-3 pr-3 pl-8" data-testid={`timeline-${item.key}`} data-type={item.type}>
      <span aria-hidden className={`absolute top-[18px] left-[11px] size-2.5 rounded-full ring-4 ${dot}`} />
      <div className="min-w-0 flex-1">{children}</div>
      <span className="shrink-0 pt-0.5 text-xs text-slate-500">
        <RelativeTime iso={item.at} />
      </span>
    </li>
  );
}

function Meta({ children }: { children: React.ReactNode }) {
  return <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">{children}</p>;
}

function RevisionEntry({ item, actions }: { item: Extract<TimelineItem, { type: 'revision' }>; actions: TimelineActions }) {
  const n = item.revision.number;
  return (
    <Row item={item} dot={DOT.revision}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-900">Revision {n} saved</span>
        {item.latest && <Badge tone="blue">latest</Badge>}
        {item.deployed && (
          <Badge tone="green" dot>
            deployed
          </Badge>
        )}
        {n > 1 && (
          <Button size="sm" variant="ghost" className="ml-auto h-7 text-indigo-700" onClick={() => actions.onDiff(n - 1, n)} data-testid={`revision-diff-${n}`}>
            Changes since {n - 1}
          </Button>
        )}
      </div>
      <Meta>{n === 1 ? <span>The first revision: where this VDC began.</span> : <span>The manifest as saved then, kept unchanged.</span>}</Meta>
    </Row>
  );
}

function SnapshotEntry({ item, actions }: { item: Extract<TimelineItem, { type: 'snapshot' }>; actions: TimelineActions }) {
  const s = item.snapshot;
  const creating = s.status !== 'ready';
  const off = actions.blocked ?? (creating ? 'Still being taken' : undefined);
  return (
    <Row item={item} dot={DOT.snapshot}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-900">Snapshot {s.number}</span>
        {s.note && <span className="min-w-0 truncate text-sm text-slate-600" data-testid="snapshot-note-text">“{s.note}”</span>}
        {creating ? (
          <Badge tone="amber" dot pulse>
            taking…
          </Badge>
        ) : (
          <Badge tone="green">ready</Badge>
        )}
        <span className="ml-auto flex items-center gap-0.5">
          <Button size="sm" variant="ghost" className="h-7" disabled={Boolean(off)} title={off} onClick={() => actions.onRestore(s)} data-testid={`snapshot-restore-${s.number}`}>
            Restore…
          </Button>
          <Button size="sm" variant="ghost" className="h-7" disabled={Boolean(off)} title={off} onClick={() => actions.onClone(s)} data-testid={`snapshot-clone-${s.number}`}>
            Clone…
          </Button>
          {item.operation && (
            <Button
              size="sm"
              variant="ghost"
              className={`h-7 ${actions.selectedOperationId === item.operation.id ? 'bg-indigo-50 text-indigo-700' : ''}`}
              onClick={() => item.operation && actions.onSelectOperation(item.operation)}
              data-testid={`snapshot-details-${s.number}`}
            >
              Log
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            className="h-7 text-rose-700 hover:bg-rose-50"
            disabled={Boolean(actions.blocked)}
            title={actions.blocked}
            onClick={() => actions.onDelete(s)}
            data-testid={`snapshot-delete-${s.number}`}
          >
            Delete…
          </Button>
        </span>
      </div>
      <Meta>
        <span>of revision {s.revision}</span>
        {creating ? (
          <span className="flex items-center gap-1">
            <Spinner className="size-3 text-violet-500" /> copying volumes
          </span>
        ) : (
          <>
            <span title="Size of the copied volumes">{formatBytes(s.sizeBytes)}</span>
            <span title="How the volumes were copied">{formatMethod(s.method ?? null)}</span>
            <span title="How long the VDC's writers were paused">paused {formatMs(s.pauseMs)}</span>
            <span title="How long the whole copy took">took {formatMs(s.durationMs)}</span>
          </>
        )}
      </Meta>
      {s.volumes.length > 0 && (
        <details className="mt-1 text-xs text-slate-600">
          <summary className="cursor-pointer select-none text-slate-500 hover:text-slate-700">
            {s.volumes.length} {s.volumes.length === 1 ? 'volume' : 'volumes'}
          </summary>
          <ul className="mt-1 space-y-0.5 pl-4 font-mono">
            {s.volumes.map((v) => (
              <li key={`${v.appliance}/${v.volume}`}>
                {v.appliance}/{v.volume} · {formatBytes(v.bytes)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Row>
  );
}

function cloneResult(op: OperationBody): CloneResult | undefined {
  const r = op.result as Partial<CloneResult> | null | undefined;
  return op.kind === 'clone' && op.status === 'succeeded' && typeof r?.vdc === 'string' ? (r as CloneResult) : undefined;
}

function OperationEntry({ item, actions }: { item: Extract<TimelineItem, { type: 'operation' }>; actions: TimelineActions }) {
  const op = item.operation;
  const clone = cloneResult(op);
  const selected = actions.selectedOperationId === op.id;
  return (
    <Row item={item} dot={OP_DOT[op.status] ?? DOT.operation}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-900">{operationTitle(op)}</span>
        <OperationStatusBadge status={op.status} progress={op.progress} />
        {clone && (
          <span className="text-sm">
            →{' '}
            <Link href={editorHref(clone.vdc)} className="font-medium text-indigo-600 hover:underline" data-testid="clone-result-link">
              {clone.vdc}
            </Link>
          </span>
        )}
        <Button
          size="sm"
          variant="ghost"
          className={`ml-auto h-7 ${selected ? 'bg-indigo-50 text-indigo-700' : ''}`}
          aria-pressed={selected}
          onClick={() => actions.onSelectOperation(op)}
          data-testid={`operation-details-${op.id}`}
        >
          Steps and log
        </Button>
      </div>
      <Meta>
        {op.startedAt && op.finishedAt && <span>took {formatDuration(op.startedAt, op.finishedAt)}</span>}
        {op.status === 'running' && op.steps.find((s) => s.status === 'running') && <span>now: {op.steps.find((s) => s.status === 'running')?.title}</span>}
        {clone && (
          <Link href={historyHref(clone.vdc)} className="text-indigo-600 hover:underline">
            its history
          </Link>
        )}
      </Meta>
      {failureText(op) && <p className="mt-1 line-clamp-2 text-xs text-rose-700">{failureText(op)}</p>}
    </Row>
  );
}

export function TimelineEntry({ item, actions }: { item: TimelineItem; actions: TimelineActions }) {
  if (item.type === 'revision') return <RevisionEntry item={item} actions={actions} />;
  if (item.type === 'snapshot') return <SnapshotEntry item={item} actions={actions} />;
  return <OperationEntry item={item} actions={actions} />;
}
