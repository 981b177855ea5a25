'use client';
// The entries page's live part: the list, kept fresh while entries are created or switched,
// and create / switch / switch back / remove, each followed live under its row.
import { useCallback, useEffect, useState } from 'react';
import { noteOperation } from '../deploy/live-store';
import type { OperationBody } from '../deploy/types';
import { PageHeader } from '../shell/page-header';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/dialog';
import { useToast } from '../ui/toast';
import { CreateEntryDialog } from './create-entry-dialog';
import { EntryTable, type EntryRowState } from './entry-table';
import { SwitchEntryDialog } from './switch-entry-dialog';
import type { EntryBody, VdcChoice } from './types';

const POLL_MS = 4000;

export function EntriesView({ initialEntries, initialVdcs }: { initialEntries: EntryBody[]; initialVdcs: VdcChoice[] }) {
  const toast = useToast();
  const [entries, setEntries] = useState(initialEntries);
  const [vdcs, setVdcs] = useState(initialVdcs);
  const [loadError, setLoadError] = useState<string>();
  const [rows, setRows] = useState<Record<string, EntryRowState>>({});
  const [creating, setCreating] = useState(false);
  const [switching, setSwitching] = useState<EntryBody | null>(null);
  const [removing, setRemoving] = useState<EntryBody | null>(null);

  const reload = useCallback(async () => {
    try {
      const [e, v] = await Promise.all([apiFetch<{ entries: EntryBody[] }>('/entries'), apiFetch<{ vdcs: VdcChoice[] }>('/vdcs')]);
      setEntries(e.entries);
      setVdcs(v.vdcs.map(({ name, state }) => ({ name, state })));
      setLoadError(undefined);
    } catch (err) {
      setLoadError((err as Error).message);
    }
  }, []);

  // An entry still being created (maybe by the CLI) turns ready or failed on its own: poll until then.
  const settling = entries.some((e) => e.state === 'creating');
  useEffect(() => {
    if (!settling) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [settling, reload]);

  const setRow = (name: string, patch: EntryRowState | undefined) =>
    setRows((all) => {
      const next = { ...all };
      if (patch) next[name] = { ...all[name], ...patch };
      else delete next[name];
      return next;
    });

  function follow(entry: string, operation: OperationBody) {
    noteOperation(operation.vdc, operation);
    setRow(entry, { operation, error: undefined, sending: false });
  }

  async function switchTo(entry: EntryBody, vdc: string): Promise<OperationBody> {
    const res = await apiFetch<{ entry: EntryBody; operation: OperationBody }>(`/entries/${encodeURIComponent(entry.name)}/switch`, { method: 'POST', body: { vdc } });
    follow(entry.name, res.operation);
    return res.operation;
  }

  async function rollback(entry: EntryBody, to: string) {
    setRow(entry.name, { sending: true, error: undefined });
    try {
      await switchTo(entry, to);
      toast(`Switching ${entry.name} back to ${to}`, 'info');
    } catch (err) {
      setRow(entry.name, { sending: false, error: (err as Error).message });
    }
  }

  async function finished(name: string, op: OperationBody) {
    // The row's copy was the operation as accepted; this is how it ended (frees the row's buttons).
    setRow(name, { operation: op });
    await reload();
    if (op.kind === 'entry_delete' && op.status === 'succeeded') {
      // Its row is gone with it once the removal succeeded; say so.
      setRow(name, undefined);
      toast(`Removed entry ${name}`);
    }
  }

  return (
    <div className="mx-auto w-full max-w-6xl px-6 py-8">
      <PageHeader
        title="Entries"
        description="Stable addresses that point at one VDC at a time. Upgrade a copy of a VDC, switch the entry to it, and switch back in one click if it misbehaves."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)} data-testid="create-entry">
            <span aria-hidden className="-ml-0.5 text-base leading-none">
              +
            </span>
            New entry
          </Button>
        }
      />
      <div className="mt-6 space-y-4">
        {loadError && <Alert title="Could not refresh the entries">{loadError}</Alert>}
        {entries.length === 0 ? (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white px-8 py-12 text-center" data-testid="entries-empty">
            <h2 className="text-lg font-semibold text-slate-900">No entries yet</h2>
            <p className="mx-auto mt-2 max-w-xl text-sm leading-6 text-slate-600">
              An entry is a host port that Colo owns and points at a running VDC’s exposed terminal. Clients keep using the same address while you switch it
              between an original and its upgraded copy.
            </p>
            <Button variant="primary" className="mt-6" onClick={() => setCreating(true)} data-testid="create-first-entry">
              Create an entry
            </Button>
          </div>
        ) : (
          <EntryTable
            entries={entries}
            vdcs={vdcs}
            rows={rows}
            onSwitch={setSwitching}
            onRollback={rollback}
            onRemove={setRemoving}
            onOperationFinished={finished}
            onDismiss={(name) => setRow(name, undefined)}
          />
        )}
      </div>

      <CreateEntryDialog
        open={creating}
        vdcs={vdcs}
        onClose={() => setCreating(false)}
        onCreated={(entry, operation) => {
          setCreating(false);
          setEntries((list) => [...list.filter((e) => e.name !== entry.name), entry].sort((a, b) => a.name.localeCompare(b.name)));
          follow(entry.name, operation);
        }}
      />
      <SwitchEntryDialog
        entry={switching}
        vdcs={vdcs}
        onClose={() => setSwitching(null)}
        onSwitch={async (entry, vdc) => {
          const op = await switchTo(entry, vdc);
          setSwitching(null);
          return op;
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove entry ${removing?.name ?? ''}?`}
        description={
          removing ? (
            <>
              Colo stops listening on <span className="font-mono">{removing.address}</span> and frees the port: clients of this address get no answer any more.{' '}
              {removing.vdc} itself is not touched.
            </>
          ) : undefined
        }
        confirmLabel="Remove entry"
        danger
        testId="remove-entry-dialog"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const res = await apiFetch<{ entry: EntryBody; operation: OperationBody }>(`/entries/${encodeURIComponent(removing.name)}`, { method: 'DELETE' });
          follow(removing.name, res.operation);
        }}
      />
    </div>
  );
}
