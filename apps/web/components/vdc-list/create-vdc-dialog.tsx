'use client';
// New VDC: a name, and either an empty manifest or an assembly's manifest under that name; with
// more than one team the caller may create in (operator or admin), which team owns it.
import { useEffect, useState } from 'react';
import { Alert } from '../ui/alert';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import type { AssemblyOption, TeamOption } from './types';
import { nameProblem, VdcNameField } from './vdc-name-field';

export function CreateVdcDialog(props: {
  open: boolean;
  assemblies: AssemblyOption[];
  /** Teams where the caller may create (operator or admin), personal first. */
  teams?: TeamOption[];
  initial?: AssemblyOption;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const [from, setFrom] = useState<string>('');
  const teams = props.teams ?? [];
  const [team, setTeam] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: string[] } | null>(null);

  useEffect(() => {
    if (!props.open) return;
    setFrom(props.initial?.id ?? '');
    setName(props.initial ? String(props.initial.manifest.name ?? props.initial.id) : '');
    setError(null);
    setBusy(false);
    setTeam('');
  }, [props.open, props.initial]);

  const problem = nameProblem(name);

  async function submit() {
    if (!name || problem) return;
    const assembly = props.assemblies.find((a) => a.id === from);
    const manifest = assembly ? { ...assembly.manifest, name } : { apiVersion: 'colo/v1', kind: 'VDC', name, appliances: [] };
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/vdcs', { method: 'POST', body: { manifest, ...(team ? { team } : {}) } });
      // Named in its team from the start, so a same-named VDC of another team is never opened.
      props.onCreated(team ? `${name}@${team}` : name);
    } catch (err) {
      setBusy(false);
      const issues = err instanceof ApiError && Array.isArray(err.details.issues) ? (err.details.issues as { path: string; message: string }[]) : [];
      const message =
        err instanceof ApiError && err.code === 'name_taken'
          ? `${team ? `Team ${team} already has` : 'You already have'} a VDC named "${name}". Pick another name.`
          : issues.length > 0
            ? 'Colo cannot create it from this manifest:'
            : (err as Error).message;
      setError({ message, issues: issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)) });
    }
  }

  return (
    <Dialog
      open={props.open}
      title="Create a VDC"
      description="A virtual datacenter: the appliances of one application and the wires between them."
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="create-vdc-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!name || Boolean(problem)} data-testid="create-vdc-submit">
            Create and open
          </Button>
        </>
      }
    >
      <VdcNameField label="Name" value={name} problem={problem} onChange={setName} placeholder="shop" testId="create-vdc-name" />
      {teams.length > 1 && (
        <label className="block space-y-1">
          <span className="text-sm font-medium text-slate-800">Team</span>
          <select
            className="block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm"
            value={team}
            onChange={(e) => setTeam(e.target.value)}
            data-testid="create-vdc-team"
          >
            {teams.map((t) => (
              <option key={t.slug} value={t.personal ? '' : t.slug}>
                {t.personal ? `${t.name} (personal)` : `${t.name} (${t.slug})`}
              </option>
            ))}
          </select>
        </label>
      )}
      {props.assemblies.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Start from</legend>
          {[{ id: '', title: 'An empty canvas', description: 'Add appliances yourself.' }, ...props.assemblies].map((a) => (
            <label
              key={a.id || 'empty'}
              className={`flex cursor-pointer gap-3 rounded-lg border p-3 ${from === a.id ? 'border-indigo-400 bg-indigo-50/50 ring-1 ring-indigo-400' : 'border-slate-200 hover:bg-slate-50'}`}
            >
              <input type="radio" name="from" value={a.id} checked={from === a.id} onChange={() => setFrom(a.id)} className="mt-0.5 accent-indigo-600" />
              <span>
                <span className="block font-medium text-slate-900">{a.title}</span>
                {a.description && <span className="mt-0.5 block text-xs text-slate-600">{a.description}</span>}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <Alert title={error.message}>
          {error.issues.length > 0 && (
            <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs">
              {error.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </Dialog>
  );
}
