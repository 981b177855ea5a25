'use client';
// Point an entry at another VDC. Requests in flight finish where they started; new ones go to
// the new VDC; the entry keeps its port and remembers where it pointed, for a rollback.
import { useEffect, useState } from 'react';
import type { OperationBody } from '../deploy/types';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/input';
import { selectClass } from './create-entry-dialog';
import { switchTargets } from './entry-choices';
import type { EntryBody, VdcChoice } from './types';

export function SwitchEntryDialog(props: {
  entry: EntryBody | null;
  vdcs: VdcChoice[];
  onClose: () => void;
  /** Sends the switch; throws the server's refusal. */
  onSwitch: (entry: EntryBody, vdc: string) => Promise<OperationBody>;
}) {
  const [vdc, setVdc] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const entry = props.entry;
  const choices = entry ? switchTargets(entry, props.vdcs) : [];

  useEffect(() => {
    if (!props.entry) return;
    setVdc(switchTargets(props.entry, props.vdcs).find((c) => !c.disabled)?.name ?? '');
    setError(undefined);
    setBusy(false);
  }, [props.entry, props.vdcs]);

  async function submit() {
    if (!entry || !vdc) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onSwitch(entry, vdc);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={entry !== null}
      title={`Switch ${entry?.name ?? ''}`}
      description={
        entry ? (
          <>
            <span className="font-mono">{entry.address}</span> points at <b>{entry.vdc}</b> ({entry.appliance}.{entry.terminal}) now.
          </>
        ) : undefined
      }
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="switch-entry-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!vdc} data-testid="switch-entry-submit">
            Switch
          </Button>
        </>
      }
    >
      <Field label="Point it at" hint="A running VDC that exposes the same terminal (a clone does).">
        {({ id, describedBy }) => (
          <select id={id} className={selectClass} value={vdc} aria-describedby={describedBy} onChange={(e) => setVdc(e.target.value)} data-testid="switch-entry-vdc">
            {choices.length === 0 && <option value="">No other VDC</option>}
            {choices.map((c) => (
              <option key={c.name} value={c.name} disabled={Boolean(c.disabled)}>
                {c.name}
                {c.disabled ? ` (${c.disabled})` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="text-slate-600">
        Requests already in flight finish on {entry?.vdc}; new connections go to {vdc || 'the new VDC'}. No request fails. {entry?.vdc} keeps running, so
        switching back is one click.
      </p>
      {error && <Alert testId="switch-entry-error">{error}</Alert>}
    </Dialog>
  );
}
