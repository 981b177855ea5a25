'use client';
// A new entry: a name, a host port Colo will hold, and the running VDC (and, when it exposes
// more than one, the terminal) it points at first; optionally, start that VDC on the first request.
import { useEffect, useState } from 'react';
import { noteOperation } from '../deploy/live-store';
import type { OperationBody } from '../deploy/types';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { Field, Input } from '../ui/input';
import { NAME_RULE, nameProblem } from '../vdc-list/vdc-name-field';
import { entryTargets, exposedTerminals, parsePort } from './entry-choices';
import type { EntryBody, VdcChoice } from './types';

export const selectClass =
  'block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500 disabled:bg-slate-50';

/** The exposed terminals of a VDC's newest revision, for the target select. */
function useTerminals(vdc: string): string[] | undefined {
  const [terminals, setTerminals] = useState<string[]>();
  useEffect(() => {
    setTerminals(undefined);
    if (!vdc) return;
    const ctl = new AbortController();
    apiFetch<{ revision: { manifest: unknown } }>(`/vdcs/${encodeURIComponent(vdc)}`, { signal: ctl.signal })
      .then((b) => setTerminals(exposedTerminals(b.revision.manifest)))
      .catch(() => setTerminals([]));
    return () => ctl.abort();
  }, [vdc]);
  return terminals;
}

export function CreateEntryDialog(props: { open: boolean; vdcs: VdcChoice[]; onClose: () => void; onCreated: (entry: EntryBody, op: OperationBody) => void }) {
  const [name, setName] = useState('');
  const [port, setPort] = useState('');
  const [vdc, setVdc] = useState('');
  const [target, setTarget] = useState('');
  const [wake, setWake] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const choices = entryTargets(props.vdcs);
  const terminals = useTerminals(vdc);

  useEffect(() => {
    if (!props.open) return;
    setName('');
    setPort('');
    setVdc(entryTargets(props.vdcs).find((c) => !c.disabled)?.name ?? '');
    setTarget('');
    setWake(false);
    setError(undefined);
    setBusy(false);
  }, [props.open, props.vdcs]);

  const problem = nameProblem(name);
  const portNumber = parsePort(port);
  const portProblem = port !== '' && portNumber === undefined ? 'A port from 1024 to 65535.' : null;
  const ready = Boolean(name && !problem && portNumber && vdc);

  async function submit() {
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = { name, port: portNumber, vdc, ...(target ? { target } : {}), ...(wake ? { wake } : {}) };
      const res = await apiFetch<{ entry: EntryBody; operation: OperationBody }>('/entries', { method: 'POST', body });
      noteOperation(res.operation.vdc, res.operation);
      props.onCreated(res.entry, res.operation);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={props.open}
      title="Create an entry"
      description="A stable address that Colo holds on the host and points at one VDC at a time. Switch it to an upgraded copy later; switch it back to roll back."
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="create-entry-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!ready} data-testid="create-entry-submit">
            Create entry
          </Button>
        </>
      }
    >
      <Field label="Name" hint={NAME_RULE} error={problem}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} autoFocus autoComplete="off" spellCheck={false} placeholder="www" value={name} invalid={invalid} aria-describedby={describedBy} onChange={(e) => setName(e.target.value.toLowerCase())} data-testid="entry-name" />
        )}
      </Field>
      <Field label="Host port" hint="Where clients connect, e.g. 8080. Colo publishes it on its publish address." error={portProblem}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} inputMode="numeric" autoComplete="off" placeholder="8080" value={port} invalid={invalid} aria-describedby={describedBy} onChange={(e) => setPort(e.target.value)} data-testid="entry-port" />
        )}
      </Field>
      <Field label="Points at" hint="Only a running VDC can take traffic.">
        {({ id, describedBy }) => (
          <select id={id} className={selectClass} value={vdc} aria-describedby={describedBy} onChange={(e) => {
              setVdc(e.target.value);
              setTarget('');
            }}
            data-testid="entry-vdc">
            {choices.length === 0 && <option value="">You have no VDC yet</option>}
            {choices.map((c) => (
              <option key={c.name} value={c.name} disabled={Boolean(c.disabled)}>
                {c.name}
                {c.disabled ? ` (${c.disabled})` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      {terminals && terminals.length > 1 && (
        <Field label="Terminal" hint={`${vdc} exposes more than one: choose which one the entry reaches.`}>
          {({ id, describedBy }) => (
            <select id={id} className={selectClass} value={target} aria-describedby={describedBy} onChange={(e) => setTarget(e.target.value)} data-testid="entry-target">
              <option value="">Choose…</option>
              {terminals.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {terminals && terminals.length === 0 && vdc && (
        <Alert tone="warning">{vdc}’s newest revision exposes no terminal: an entry needs an exposed terminal to point at.</Alert>
      )}
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" className="mt-0.5 accent-indigo-600" checked={wake} onChange={(e) => setWake(e.target.checked)} data-testid="entry-wake-option" />
        <span>
          <span className="font-medium text-slate-900">Start on the first request</span>
          <span className="block text-xs text-slate-500">
            When the VDC is stopped (by you or a schedule), hold the first requests while Colo starts it, then answer them. Up to 90 seconds.
          </span>
        </span>
      </label>
      {error && <Alert testId="create-entry-error">{error}</Alert>}
    </Dialog>
  );
}
