'use client';
// Take, restore and delete a snapshot: each asks first, says what it will do to the VDC, and
// shows the server's refusal in place. On success the caller gets the operation to follow.
import { useEffect, useState } from 'react';
import { noteOperation } from '../deploy/live-store';
import type { OperationBody } from '../deploy/types';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { ConfirmDialog, Dialog } from '../ui/dialog';
import { Field, Input } from '../ui/input';
import { formatBytes } from '../../lib/format-bytes';
import type { SnapshotBody } from './types';

const NOTE_MAX = 500;
const snapshotsUrl = (vdc: string, rest = '') => `/vdcs/${encodeURIComponent(vdc)}/snapshots${rest}`;

async function start(vdcName: string, path: string, body?: unknown): Promise<OperationBody> {
  const { operation } = await apiFetch<{ operation: OperationBody }>(path, { method: 'POST', body: body ?? {} });
  noteOperation(vdcName, operation);
  return operation;
}

export function TakeSnapshotDialog(props: { vdcName: string; open: boolean; onClose: () => void; onStarted: (op: OperationBody) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!props.open) return;
    setNote('');
    setError(undefined);
    setBusy(false);
  }, [props.open]);

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = note.trim();
      props.onStarted(await start(props.vdcName, snapshotsUrl(props.vdcName), trimmed ? { note: trimmed } : {}));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={props.open}
      title={`Take a snapshot of ${props.vdcName}`}
      description="A copy of every data volume (databases, NAS shares) together with the revision it runs. Writers pause briefly for the last pass; nothing restarts."
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="snapshot-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="snapshot-submit">
            Take snapshot
          </Button>
        </>
      }
    >
      <Field label="Note (optional)" hint={`What this moment is, e.g. “before the 2.0 upgrade”. At most ${NOTE_MAX} characters.`}>
        {({ id, describedBy }) => (
          <Input
            id={id}
            autoFocus
            maxLength={NOTE_MAX}
            value={note}
            aria-describedby={describedBy}
            onChange={(e) => setNote(e.target.value)}
            placeholder="before the upgrade"
            data-testid="snapshot-note"
          />
        )}
      </Field>
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}

export function RestoreSnapshotDialog(props: {
  vdcName: string;
  snapshot: SnapshotBody | null;
  latestRevision: number;
  onClose: () => void;
  onStarted: (op: OperationBody) => void;
}) {
  const s = props.snapshot;
  return (
    <ConfirmDialog
      open={s !== null}
      title={`Restore snapshot ${s?.number ?? ''}?`}
      confirmLabel="Restore"
      danger
      testId="restore-dialog"
      onClose={props.onClose}
      onConfirm={async () => {
        if (s) props.onStarted(await start(props.vdcName, snapshotsUrl(props.vdcName, `/${s.number}/restore`)));
      }}
    >
      {s && (
        <div className="space-y-2">
          <p>
            <b>{props.vdcName}</b> goes back to snapshot {s.number}
            {s.note ? ` (“${s.note}”)` : ''}: its data ({formatBytes(s.sizeBytes)}) and revision {s.revision}.
          </p>
          <ol className="list-decimal space-y-1 pl-5 text-slate-600">
            <li>
              A <b>safety snapshot</b> of the VDC as it is now is taken first: restore that one to undo this.
            </li>
            <li>
              Then the VDC <b>stops</b>, and stays down while its data is put back: clients get no answer meanwhile.
            </li>
            <li>
              Revision {s.revision}’s manifest becomes the newest
              {s.revision !== props.latestRevision ? ` (after ${props.latestRevision}; later revisions stay in the history)` : ''}, and is deployed,
              which starts the VDC again.
            </li>
          </ol>
        </div>
      )}
    </ConfirmDialog>
  );
}

export function DeleteSnapshotDialog(props: { vdcName: string; snapshot: SnapshotBody | null; onClose: () => void; onStarted: (op: OperationBody) => void }) {
  const s = props.snapshot;
  return (
    <ConfirmDialog
      open={s !== null}
      title={`Delete snapshot ${s?.number ?? ''}?`}
      description={s ? `Its copied volumes (${formatBytes(s.sizeBytes)}) are removed. The VDC is not touched. This cannot be undone.` : undefined}
      confirmLabel="Delete snapshot"
      danger
      testId="delete-snapshot-dialog"
      onClose={props.onClose}
      onConfirm={async () => {
        if (!s) return;
        const { operation } = await apiFetch<{ operation: OperationBody }>(snapshotsUrl(props.vdcName, `/${s.number}`), { method: 'DELETE' });
        noteOperation(props.vdcName, operation);
        props.onStarted(operation);
      }}
    />
  );
}
