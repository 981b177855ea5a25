'use client';
import { useEffect, useState } from 'react';
import { Alert } from '../ui/alert';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { nameProblem, VdcNameField } from './vdc-name-field';

const EXPLAIN: Record<string, (name: string) => string> = {
  name_taken: (name) => `You already have a VDC named "${name}".`,
  operation_running: () => 'An operation is running on this VDC. Rename it when that has finished.',
  stale_revision: () => 'Someone saved this VDC just now. Close this, and try again.',
};

export function RenameVdcDialog(props: { vdc: string | null; onClose: () => void; onRenamed: (from: string, to: string) => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (props.vdc === null) return;
    setName(props.vdc);
    setError(null);
    setBusy(false);
  }, [props.vdc]);

  const problem = nameProblem(name);
  const unchanged = name === props.vdc;

  async function submit() {
    if (!props.vdc || !name || problem || unchanged) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/vdcs/${encodeURIComponent(props.vdc)}`, { method: 'PATCH', body: { name } });
      props.onRenamed(props.vdc, name);
    } catch (err) {
      setBusy(false);
      const explain = err instanceof ApiError ? EXPLAIN[err.code] : undefined;
      setError(explain ? explain(name) : (err as Error).message);
    }
  }

  return (
    <Dialog
      open={props.vdc !== null}
      title={`Rename “${props.vdc ?? ''}”`}
      description="Running containers are not touched: Colo keeps their Docker names, so nothing restarts."
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="rename-vdc-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!name || Boolean(problem) || unchanged}>
            Rename
          </Button>
        </>
      }
    >
      <VdcNameField label="New name" value={name} problem={problem} onChange={setName} testId="rename-vdc-name" />
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
