'use client';
// One class's page: its versions (head, source, note, author, who uses each) with rollback and
// delete, the prototype to patch it in, and the deploys a commit or rollback started, live.
// Everything goes through the REST API; a viewer who is not an admin sees it read-only.
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { PageHeader } from '../shell/page-header';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { ConfirmDialog } from '../ui/dialog';
import { Spinner } from '../ui/spinner';
import { useToast } from '../ui/toast';
import { type Committed, PrototypePanel } from './prototype-panel';
import { RolloutView } from './rollout-view';
import type { ClassVersionBody, ClassViewBody, RolloutBody } from './types';
import { moveLabel } from './version-actions';
import { VersionsTable } from './versions-table';

export function ClassDetail({ id, admin }: { id: string; admin: boolean }) {
  const toast = useToast();
  const path = `/classes/${encodeURIComponent(id)}`;
  const [view, setView] = useState<ClassViewBody>();
  const [loadError, setLoadError] = useState<string>();
  const [rollout, setRollout] = useState<{ title: string; rollout: RolloutBody }>();
  const [moving, setMoving] = useState<ClassVersionBody | null>(null);
  const [deleting, setDeleting] = useState<ClassVersionBody | null>(null);

  const reload = useCallback(async () => {
    try {
      setView(await apiFetch<ClassViewBody>(path));
      setLoadError(undefined);
    } catch (err) {
      setLoadError((err as Error).message);
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);

  function committed(c: Committed) {
    setRollout({ title: `Version ${c.version} committed: it is the head. Moving followers onto it`, rollout: c.rollout });
    toast(`Committed ${id} version ${c.version}`);
  }

  return (
    <div className="mx-auto w-full max-w-6xl px-6 py-8">
      <Link href="/classes" className="text-sm text-slate-500 hover:text-slate-800">
        ← Classes
      </Link>
      <div className="mt-2">
        <PageHeader
          title={view ? `${view.id} · ${view.title}` : id}
          description={
            view ? (
              <>
                Followers (appliances naming <span className="font-mono">{view.id}</span> without a version) use{' '}
                <b data-testid="class-head">version {view.head}</b>. Appliances that pin one (<span className="font-mono">{view.id}@1</span>) stay on it.
              </>
            ) : undefined
          }
        />
      </div>
      <div className="mt-6 space-y-6">
        {!admin && (
          <Alert tone="info" testId="read-only">
            Only an admin can patch, roll back or delete class versions: a class is shared by every VDC on this Colo. You see it read-only.
          </Alert>
        )}
        {loadError && <Alert title={view ? 'Could not refresh the class' : 'Could not load the class'}>{loadError}</Alert>}
        {!view && !loadError && (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner className="text-indigo-600" /> Loading {id}…
          </p>
        )}
        {rollout && <RolloutView title={rollout.title} rollout={rollout.rollout} onFinished={reload} onDismiss={() => setRollout(undefined)} />}
        {view && (
          <>
            <VersionsTable view={view} admin={admin} onMove={setMoving} onDelete={setDeleting} />
            <PrototypePanel view={view} admin={admin} onChanged={reload} onCommitted={committed} />
          </>
        )}
      </div>

      <ConfirmDialog
        open={moving !== null}
        title={moving && view ? `${moveLabel(moving, view.head)}?` : ''}
        description={
          moving ? (
            <>
              Version {moving.version} becomes the head, and every running VDC that follows {id} is redeployed onto it, one replica at a time. Pinned appliances stay.
            </>
          ) : undefined
        }
        confirmLabel={`Move to version ${moving?.version ?? ''}`}
        testId="move-dialog"
        onClose={() => setMoving(null)}
        onConfirm={async () => {
          if (!moving) return;
          const res = await apiFetch<{ version: number; previous: number; rollout: RolloutBody }>(`${path}/rollback`, { method: 'POST', body: { version: moving.version } });
          setRollout({ title: `Version ${res.version} is the head again (was ${res.previous}). Moving followers onto it`, rollout: res.rollout });
          await reload();
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${id} version ${deleting?.version ?? ''}?`}
        description="Its image is removed. Nothing uses it; this cannot be undone."
        confirmLabel="Delete version"
        danger
        testId="delete-version-dialog"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await apiFetch(`${path}/versions/${deleting.version}`, { method: 'DELETE' });
          toast(`Deleted ${id} version ${deleting.version}`);
          await reload();
        }}
      />
    </div>
  );
}
