'use client';
// The history ("time machine") of one VDC: a timeline of its revisions, snapshots and operations,
// newest first; snapshot, restore, clone and delete from it; any two revisions compared; and the
// running (or chosen) operation live beside it.
import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import { FollowedOperation } from '../deploy/followed-operation';
import { OperationView } from '../deploy/operation-view';
import { isActive, type OperationBody } from '../deploy/types';
import { useVdcLive } from '../deploy/use-vdc-live';
import { Alert } from '../ui/alert';
import { Button, buttonClasses } from '../ui/button';
import { VdcNotFound } from '../vdc-list/vdc-not-found';
import { Spinner } from '../ui/spinner';
import { useToast } from '../ui/toast';
import { VdcStateBadge } from '../vdc-list/state-badges';
import { CloneDialog, type CloneRequest } from './clone-dialog';
import { CloneOutcome } from './clone-outcome';
import { CompareBar } from './compare-bar';
import { RevisionDiff } from './revision-diff';
import { SchedulesPanel } from './schedules-panel';
import { DeleteSnapshotDialog, RestoreSnapshotDialog, TakeSnapshotDialog } from './snapshot-dialogs';
import { buildTimeline, groupByDay } from './timeline';
import { type TimelineActions, TimelineEntry } from './timeline-entry';
import { editorHref, type SnapshotBody } from './types';
import { type VdcHistory as History, useVdcHistory } from './use-vdc-history';

function Centered({ children }: { children: React.ReactNode }) {
  return <div className="grid min-h-[60vh] place-items-center p-6">{children}</div>;
}

function OperationPanel({ vdcName, picked, onBack }: { vdcName: string; picked?: OperationBody; onBack: () => void }) {
  const live = useVdcLive(vdcName);
  return (
    <section className="flex max-h-[calc(100dvh-96px)] min-h-64 flex-col overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5" data-testid="history-operation">
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{picked ? 'Operation' : 'Live'}</h2>
        <span className={`size-1.5 rounded-full ${live.connected ? 'bg-emerald-500' : 'bg-slate-300'}`} title={live.connected ? 'live' : (live.problem ?? 'connecting…')} />
        {picked && (
          <button type="button" className="ml-auto text-xs text-indigo-600 hover:underline" onClick={onBack}>
            Back to live
          </button>
        )}
      </header>
      {picked ? (
        <FollowedOperation key={picked.id} vdcName={vdcName} operationId={picked.id} initial={picked} />
      ) : live.operation ? (
        <OperationView operation={live.operation} logs={live.logs} />
      ) : (
        <p className="px-3 py-4 text-xs text-slate-500">Nothing has run on this VDC yet. A snapshot, restore or clone started here shows its steps and log as it runs.</p>
      )}
    </section>
  );
}

function HistoryBody({ name, history, refreshError }: { name: string; history: History; refreshError?: string }) {
  const toast = useToast();
  const live = useVdcLive(name);
  const [diff, setDiff] = useState<{ from: number; to: number }>();
  const [picked, setPicked] = useState<OperationBody>();
  const [snapshotting, setSnapshotting] = useState(false);
  const [restoring, setRestoring] = useState<SnapshotBody | null>(null);
  const [deleting, setDeleting] = useState<SnapshotBody | null>(null);
  const [cloning, setCloning] = useState<CloneRequest | null>(null);
  const [cloneWatch, setCloneWatch] = useState<{ operationId: string; name: string }>();
  const diffRef = useRef<HTMLDivElement>(null);
  const { vdc, revisions, snapshots, operations } = history;

  const days = useMemo(
    () => groupByDay(buildTimeline({ revisions, snapshots, operations, latestRevision: vdc.revision, deployedRevisionId: vdc.deployedRevisionId })),
    [revisions, snapshots, operations, vdc.revision, vdc.deployedRevisionId],
  );
  const running = isActive(live.operation) ? live.operation : operations.find(isActive);
  const blocked = running ? 'An operation is running on this VDC; wait for it to finish' : undefined;

  function started(op: OperationBody, what: string) {
    setPicked(op);
    toast(what, 'info');
  }
  function compare(from: number, to: number) {
    setDiff({ from, to });
    requestAnimationFrame(() => diffRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  }

  const actions: TimelineActions = {
    blocked,
    selectedOperationId: picked?.id,
    onDiff: compare,
    onRestore: setRestoring,
    onDelete: setDeleting,
    onClone: (s) => setCloning({ snapshot: s.number }),
    onSelectOperation: setPicked,
  };

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-6">
      <div className="flex flex-wrap items-center gap-3">
        <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-1.5 text-sm">
          <Link href="/vdcs" className="text-slate-500 hover:text-slate-800">
            VDCs
          </Link>
          <span className="text-slate-300">/</span>
          <Link href={editorHref(name)} className="font-mono text-slate-500 hover:text-slate-800" data-testid="history-editor-link">
            {name}
          </Link>
          <span className="text-slate-300">/</span>
          <h1 className="font-semibold text-slate-900">History</h1>
        </nav>
        <VdcStateBadge state={vdc.state} />
        <span className="text-xs text-slate-500">revision {vdc.revision}</span>
        <div className="ml-auto flex items-center gap-2">
          <Link href={editorHref(name)} className={buttonClasses('ghost', 'md')}>
            Open editor
          </Link>
          <Button disabled={Boolean(blocked)} title={blocked} onClick={() => setCloning({})} data-testid="clone-open">
            Clone…
          </Button>
          <Button variant="primary" disabled={Boolean(blocked)} title={blocked} onClick={() => setSnapshotting(true)} data-testid="snapshot-open">
            Take snapshot
          </Button>
        </div>
      </div>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Every saved revision, every snapshot of its data and every operation, newest first. Restore a snapshot to go back in time; clone one to try a change on a copy.
      </p>

      <div className="mt-5 space-y-4">
        {refreshError && <Alert title="Could not refresh the history">{refreshError}</Alert>}
        {cloneWatch && (
          <CloneOutcome sourceVdc={name} operationId={cloneWatch.operationId} name={cloneWatch.name} onShow={setPicked} onDismiss={() => setCloneWatch(undefined)} />
        )}
        <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-900/5">
          <CompareBar revisions={revisions} onCompare={compare} />
        </div>
        <div ref={diffRef} className="scroll-mt-20">
          {diff && <RevisionDiff key={`${diff.from}-${diff.to}`} vdc={vdc} from={diff.from} to={diff.to} onClose={() => setDiff(undefined)} />}
        </div>
      </div>

      <div className="mt-4 grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5" aria-label="Timeline" data-testid="history-timeline">
          {days.map((day) => (
            <div key={day.day}>
              <h2 className="sticky top-14 z-10 border-b border-slate-100 bg-white/95 px-4 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500 backdrop-blur first:rounded-t-xl">
                {day.label}
              </h2>
              <ol className="relative divide-y divide-slate-100 before:absolute before:top-0 before:bottom-0 before:left-[15px] before:w-px before:bg-slate-200">
                {day.items.map((item) => (
                  <TimelineEntry key={item.key} item={item} actions={actions} />
                ))}
              </ol>
            </div>
          ))}
        </section>
        <div className="lg:sticky lg:top-20">
          <OperationPanel vdcName={name} picked={picked} onBack={() => setPicked(undefined)} />
          <SchedulesPanel vdcName={name} />
        </div>
      </div>

      <TakeSnapshotDialog
        vdcName={name}
        open={snapshotting}
        onClose={() => setSnapshotting(false)}
        onStarted={(op) => {
          setSnapshotting(false);
          started(op, 'Snapshot started');
        }}
      />
      <RestoreSnapshotDialog
        vdcName={name}
        snapshot={restoring}
        latestRevision={vdc.revision}
        onClose={() => setRestoring(null)}
        onStarted={(op) => started(op, `Restoring snapshot ${restoring?.number ?? ''}`)}
      />
      <DeleteSnapshotDialog vdcName={name} snapshot={deleting} onClose={() => setDeleting(null)} onStarted={(op) => started(op, `Deleting snapshot ${deleting?.number ?? ''}`)} />
      <CloneDialog
        vdcName={name}
        request={cloning}
        snapshots={snapshots}
        onClose={() => setCloning(null)}
        onStarted={(op, newName) => {
          setCloning(null);
          setCloneWatch({ operationId: op.id, name: newName });
          started(op, `Cloning to ${newName}`);
        }}
      />
    </div>
  );
}

export function VdcHistory({ name }: { name: string }) {
  const { state, reload } = useVdcHistory(name);
  if (state.status === 'missing') {
    return (
      <Centered>
        <VdcNotFound name={name} />
      </Centered>
    );
  }
  if (state.status === 'failed') {
    return (
      <Centered>
        <div className="w-full max-w-md space-y-3">
          <Alert title={`Could not read the history of ${name}`}>{state.message}</Alert>
          <Button onClick={reload}>Try again</Button>
        </div>
      </Centered>
    );
  }
  if (state.status === 'loading') {
    return (
      <Centered>
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner className="text-indigo-600" /> Reading the history of <span className="font-mono">{name}</span>…
        </p>
      </Centered>
    );
  }
  return <HistoryBody name={name} history={state} refreshError={state.refreshError} />;
}
