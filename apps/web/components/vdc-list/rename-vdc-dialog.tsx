'use client';
import { useEffect, useState } from 'react';
import { Alert } from '../ui/alert';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { nameProblem, VdcNameField } from './vdc-name-field';
import { nameTakenProblem } from './vdc-names';

/** `ref` is a VDC's name, or `name@team` where the bare name is ambiguous: its name and team. */
const split = (ref: string) => {
  const at = ref.indexOf('@');
  return at < 0 ? { name: ref, team: '' } : { name: ref.slice(0, at), team: ref.slice(at + 1) };
};

/** How the VDC `from` (a name or `name@team`) is named once renamed to `to`. */
export function renamedRef(from: string, to: string): string {
  const { team } = split(from);
  return team ? `${to}@${team}` : to;
}

const EXPLAIN: Record<string, (name: string, team: string) => string> = {
  name_taken: nameTakenProblem,
  operation_running: () => 'An operation is running on this VDC. Rename it when that has finished.',
  stale_revision: () => 'Someone saved this VDC just now. Close this, and try again.',
};

/**
 * Rename from the list's row menu and from the editor: `vdc` is the VDC as the page names it;
 * `onRenamed` gets that and the new bare name (`renamedRef` names it the same way). `taken`:
 * names its team already uses, when the page knows them, refused as typed.
 */
export function RenameVdcDialog(props: { vdc: string | null; taken?: ReadonlySet<string>; onClose: () => void; onRenamed: (from: string, to: string) => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (props.vdc === null) return;
    setName(split(props.vdc).name);
    setError(null);
    setBusy(false);
  }, [props.vdc]);

  const current = split(props.vdc ?? '');
  const unchanged = name === current.name;
  const problem = nameProblem(name) ?? (!unchanged && props.taken?.has(name) ? nameTakenProblem(name, current.team) : null);

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
      setError(explain ? explain(name, current.team) : (err as Error).message);
    }
  }

  return (
    <Dialog
      open={props.vdc !== null}
      title={`Rename “${current.name}”`}
      description="Running containers are not touched: Colo keeps their Docker names, so nothing restarts."
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="rename-vdc-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!name || Boolean(problem) || unchanged} data-testid="rename-vdc-submit">
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
