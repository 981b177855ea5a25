'use client';
// New VDC: a name, and either an empty manifest, an assembly's manifest, or (Duplicate) another
// VDC's, under that name; with more than one team the caller may create in, which team owns it.
// As it is filled in it says what Create would refuse: a name that is invalid or taken in that
// team (checked against the list the page has), and published ports another VDC, an entry, Colo or
// a program already holds (asked of GET /ports), each with a free port one click away.
import { formatIssue, type Issue } from '@colo/manifest';
import { useEffect, useMemo, useState } from 'react';
import { Alert } from '../ui/alert';
import { ApiError, apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import type { AssemblyOption, TeamOption, VdcRow } from './types';
import { usePortCheck } from './use-port-check';
import { nameProblem, VdcNameField } from './vdc-name-field';
import { movePorts, namesInTeam, nameTakenProblem, publishedPorts, suggestName } from './vdc-names';

/** Duplicate: the VDC whose manifest the new one starts from. */
export interface DuplicateSource {
  name: string;
  /** Its team's slug, '' for the caller's personal team. */
  team: string;
  manifest: Record<string, unknown>;
}

const EMPTY = { apiVersion: 'colo/v1', kind: 'VDC', appliances: [] };

export function CreateVdcDialog(props: {
  open: boolean;
  assemblies: AssemblyOption[];
  /** Teams where the caller may create (operator or admin), personal first. */
  teams?: TeamOption[];
  initial?: AssemblyOption;
  source?: DuplicateSource;
  /** The caller's VDCs, for names already taken; fetched when the page has no list of them. */
  existing?: VdcRow[];
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  const [from, setFrom] = useState<string>('');
  const teams = props.teams ?? [];
  const [team, setTeam] = useState('');
  const [moved, setMoved] = useState<Record<number, number>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: string[] } | null>(null);
  const { source } = props;
  const [fetched, setFetched] = useState<VdcRow[]>([]);
  const existing = props.existing ?? fetched;

  useEffect(() => {
    if (!props.open || props.existing) return;
    const abort = new AbortController();
    apiFetch<{ vdcs: VdcRow[] }>('/vdcs', { signal: abort.signal })
      .then((answer) => setFetched(answer.vdcs))
      // Without the list, a taken name is refused by Create instead of as it is typed.
      .catch(() => {});
    return () => abort.abort();
  }, [props.open, props.existing]);

  useEffect(() => {
    if (!props.open) return;
    setFrom(props.initial?.id ?? '');
    setTyped(null);
    setError(null);
    setBusy(false);
    setMoved({});
    // A duplicate goes to its source's team when the caller may create there.
    setTeam(source && (props.teams ?? []).some((t) => !t.personal && t.slug === source.team) ? source.team : '');
  }, [props.open, props.initial, source, props.teams]);

  const assembly = props.assemblies.find((a) => a.id === from);
  const base = source?.manifest ?? assembly?.manifest ?? EMPTY;
  const taken = useMemo(() => namesInTeam(existing, team), [existing, team]);
  // Until the user types, the name follows the chosen assembly (or the duplicated VDC), kept free in the team.
  const suggestion = source ? suggestName(`${source.name}-copy`, taken) : assembly ? suggestName(String(assembly.manifest.name ?? assembly.id), taken) : '';
  const name = typed ?? suggestion;
  const problem = nameProblem(name) ?? (taken.has(name) ? nameTakenProblem(name, team) : null);
  const manifest = useMemo(() => movePorts({ ...base, name }, moved), [base, name, moved]);
  const ports = useMemo(() => publishedPorts(manifest), [manifest]);
  const { near } = usePortCheck(ports, team, props.open);
  const portProblems = near.filter((p) => p.problem && ports.includes(p.port));
  const fixable = portProblems.filter((p) => p.free);

  function choose(id: string) {
    setFrom(id);
    setMoved({});
  }

  function takeFree(list: typeof near) {
    setMoved((m) => {
      const next = { ...m };
      for (const p of list) {
        if (!p.free) continue;
        // Moved before: the original port now goes to the free one directly.
        const original = Object.entries(next).find(([, to]) => to === p.port)?.[0];
        next[original ? Number(original) : p.port] = p.free;
      }
      return next;
    });
  }

  async function submit() {
    if (!name || problem) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/vdcs', { method: 'POST', body: { manifest, ...(team ? { team } : {}) } });
      // Named in its team from the start, so a same-named VDC of another team is never opened.
      props.onCreated(team ? `${name}@${team}` : name);
    } catch (err) {
      setBusy(false);
      const issues = err instanceof ApiError && Array.isArray(err.details.issues) ? (err.details.issues as Issue[]) : [];
      const message =
        err instanceof ApiError && err.code === 'name_taken'
          ? `${nameTakenProblem(name, team)} Pick another name.`
          : issues.length > 0
            ? 'Colo cannot create it from this manifest:'
            : (err as Error).message;
      setError({ message, issues: issues.slice(0, 5).map((i) => formatIssue({ ...i, severity: 'error' })) });
    }
  }

  return (
    <Dialog
      open={props.open}
      title={source ? `Duplicate “${source.name}”` : 'Create a VDC'}
      description={
        source
          ? 'A new VDC with the same appliances, wires and settings, and none of the data: its containers and volumes are made when you deploy it.'
          : 'A virtual datacenter: the appliances of one application and the wires between them.'
      }
      onClose={() => !busy && props.onClose()}
      onSubmit={submit}
      testId="create-vdc-dialog"
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!name || Boolean(problem)} data-testid="create-vdc-submit">
            {source ? 'Duplicate and open' : 'Create and open'}
          </Button>
        </>
      }
    >
      <VdcNameField label="Name" value={name} problem={problem} onChange={setTyped} placeholder="shop" testId="create-vdc-name" />
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
      {!source && props.assemblies.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Start from</legend>
          {[{ id: '', title: 'An empty canvas', description: 'Add appliances yourself.' }, ...props.assemblies].map((a) => (
            <label
              key={a.id || 'empty'}
              className={`flex cursor-pointer gap-3 rounded-lg border p-3 ${from === a.id ? 'border-indigo-400 bg-indigo-50/50 ring-1 ring-indigo-400' : 'border-slate-200 hover:bg-slate-50'}`}
            >
              <input type="radio" name="from" value={a.id} checked={from === a.id} onChange={() => choose(a.id)} className="mt-0.5 accent-indigo-600" />
              <span>
                <span className="block font-medium text-slate-900">{a.title}</span>
                {a.description && <span className="mt-0.5 block text-xs text-slate-600">{a.description}</span>}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {portProblems.length > 0 && (
        <Alert tone="warning" title="A published port is taken" testId="create-vdc-port-warning">
          <ul className="mt-1 space-y-1.5">
            {portProblems.map((p) => (
              <li key={p.port} className="flex flex-wrap items-center justify-between gap-2">
                <span>{p.problem}</span>
                {p.free ? (
                  <Button size="sm" onClick={() => takeFree([p])} data-testid={`use-port-${p.free}`}>
                    Use {p.free} instead
                  </Button>
                ) : (
                  <span>Change it in the editor after creating.</span>
                )}
              </li>
            ))}
          </ul>
          {fixable.length > 1 && (
            <Button size="sm" className="mt-2" onClick={() => takeFree(fixable)} data-testid="use-free-ports">
              Use free ports for all
            </Button>
          )}
        </Alert>
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
