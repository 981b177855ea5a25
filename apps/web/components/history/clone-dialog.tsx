'use client';
// Clone: a new VDC with copies of all the data, from the VDC as it runs now or from one of its
// snapshots. Asks the new name; the operation is the source's, its result names the new VDC.
import { useEffect, useState } from 'react';
import { noteOperation } from '../deploy/live-store';
import type { OperationBody } from '../deploy/types';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { nameProblem, VdcNameField } from '../vdc-list/vdc-name-field';
import type { SnapshotBody } from './types';

export interface CloneRequest {
  /** A snapshot number to start from; absent = live. */
  snapshot?: number;
}

export function CloneDialog(props: {
  vdcName: string;
  /** null = closed. */
  request: CloneRequest | null;
  snapshots: SnapshotBody[];
  onClose: () => void;
  onStarted: (op: OperationBody, name: string) => void;
}) {
  const [name, setName] = useState('');
  const [source, setSource] = useState<string>('live');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const open = props.request !== null;
  const ready = props.snapshots.filter((s) => s.status === 'ready');

  useEffect(() => {
    if (!props.request) return;
    setName(`${props.vdcName}-copy`.slice(0, 32));
    setSource(props.request.snapshot !== undefined ? String(props.request.snapshot) : 'live');
    setError(undefined);
    setBusy(false);
  }, [props.request, props.vdcName]);

  const problem = nameProblem(name);

  async function submit() {
    if (!name || problem) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = source === 'live' ? { name } : { name, snapshot: Number(source) };
      const { operation } = await apiFetch<{ operation: OperationBody }>(`/vdcs/${encodeURIComponent(props.vdcName)}/clone`, { method: 'POST', body });
      noteOperation(props.vdcName, operation);
      props.onStarted(operation, name);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={`Clone ${props.vdcName}`}
      description="A new VDC with copies of all the data, deployed on its own ports. The class images are shared, not copied; the original is only read."
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="clone-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!name || Boolean(problem)} data-testid="clone-submit">
            Clone
          </Button>
        </>
      }
    >
      <VdcNameField label="Name of the copy" value={name} problem={problem} onChange={setName} testId="clone-name" />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Copy from</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="clone-source" className="mt-1 accent-indigo-600" checked={source === 'live'} onChange={() => setSource('live')} data-testid="clone-source-live" />
          <span>
            <span className="block font-medium text-slate-900">{props.vdcName} as it runs now</span>
            <span className="block text-xs text-slate-600">Writers pause briefly for the last pass of the copy.</span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="clone-source"
            className="mt-1 accent-indigo-600"
            checked={source !== 'live'}
            disabled={ready.length === 0}
            onChange={() => setSource(String(ready[0]?.number ?? 'live'))}
            data-testid="clone-source-snapshot"
          />
          <span className="flex-1">
            <span className={`block font-medium ${ready.length === 0 ? 'text-slate-500' : 'text-slate-900'}`}>A snapshot</span>
            {ready.length === 0 ? (
              <span className="block text-xs text-slate-500">No snapshot is ready yet.</span>
            ) : (
              <select
                aria-label="Snapshot to clone"
                className="mt-1 block h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
                value={source === 'live' ? '' : source}
                onChange={(e) => setSource(e.target.value)}
                data-testid="clone-snapshot"
              >
                {source === 'live' && <option value="">Choose a snapshot…</option>}
                {ready.map((s) => (
                  <option key={s.number} value={String(s.number)}>
                    Snapshot {s.number} · revision {s.revision}
                    {s.note ? ` · ${s.note}` : ''}
                  </option>
                ))}
              </select>
            )}
          </span>
        </label>
      </fieldset>
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
