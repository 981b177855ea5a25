'use client';
// The VDC list page's live part: the table (or the empty state), kept fresh while operations
// run; search, state filter and sort (in the query string); the row menu's actions (deploy,
// stop/start, duplicate, rename, delete) and their dialogs; and importing a bundle dropped on the
// page (or picked with Import…). With more than one team: a filter by team, and the create
// dialog asks which team the new VDC goes to.
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { DropOverlay } from '../bundle-import/drop-overlay';
import { ImportBundleButton } from '../bundle-import/import-bundle-button';
import { ImportBundleDialog } from '../bundle-import/import-bundle-dialog';
import { useFileDrop } from '../bundle-import/use-file-drop';
import { PageHeader } from '../shell/page-header';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { useToast } from '../ui/toast';
import { CreateVdcDialog, type DuplicateSource } from './create-vdc-dialog';
import { DeleteVdcDialog } from './delete-vdc-dialog';
import { EmptyState } from './empty-state';
import { type LifecycleAction, LifecycleDialog } from './lifecycle-dialog';
import { RenameVdcDialog } from './rename-vdc-dialog';
import type { RowAction } from './row-menu';
import { type AssemblyOption, editorHref, type TeamOption, type VdcRow } from './types';
import { VdcListFilters } from './vdc-list-filters';
import { namesInTeam } from './vdc-names';
import { applyVdcQuery, DEFAULT_QUERY, type VdcQuery, vdcQueryString } from './vdc-query';
import { VdcTable } from './vdc-table';

const POLL_MS = 4000;

/** Whether `ref` (a name, or `name@team`) names this row. */
const names = (v: VdcRow, ref: string) => v.name === ref || (v.team !== undefined && `${v.name}@${v.team.slug}` === ref);

/** The team key of the create dialog and namesInTeam: '' for the caller's personal team. */
const teamKey = (v: VdcRow) => (!v.team || v.team.personal ? '' : v.team.slug);

export function VdcList({
  initial,
  assemblies,
  teams = [],
  initialQuery = DEFAULT_QUERY,
}: {
  initial: VdcRow[];
  assemblies: AssemblyOption[];
  teams?: TeamOption[];
  initialQuery?: VdcQuery;
}) {
  const router = useRouter();
  const toast = useToast();
  const [vdcs, setVdcs] = useState(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState<{ from?: AssemblyOption; source?: DuplicateSource } | null>(null);
  const [renaming, setRenaming] = useState<{ ref: string; team: string } | null>(null);
  const [lifecycle, setLifecycle] = useState<{ action: LifecycleAction; vdc: string; revision: number } | null>(null);
  const [query, setQuery] = useState(initialQuery);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [importing, setImporting] = useState<File | null>(null);
  const [teamFilter, setTeamFilter] = useState('');
  const drop = useFileDrop(setImporting);

  const reload = useCallback(async () => {
    try {
      setVdcs((await apiFetch<{ vdcs: VdcRow[] }>('/vdcs')).vdcs);
      setLoadError(null);
    } catch (err) {
      setLoadError((err as Error).message);
    }
  }, []);

  // Poll only while something is moving, so an idle list costs nothing.
  const moving = vdcs.some((v) => v.lastOperation && (v.lastOperation.status === 'queued' || v.lastOperation.status === 'running'));
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [moving, reload]);

  const teamsShown = [...new Map(vdcs.flatMap((v) => (v.team ? [[v.team.slug, v.team] as const] : []))).values()];
  const inTeam = teamFilter ? vdcs.filter((v) => v.team?.slug === teamFilter) : vdcs;
  const { shown, hiddenDestroyed } = applyVdcQuery(inTeam, query);

  function changeQuery(next: VdcQuery) {
    setQuery(next);
    // Replaced, not pushed: typing a search must not fill the Back button's history.
    window.history.replaceState(null, '', `${window.location.pathname}${vdcQueryString(next)}`);
  }

  async function act(action: RowAction, vdc: VdcRow, ref: string) {
    if (action === 'rename') setRenaming({ ref, team: teamKey(vdc) });
    else if (action === 'delete') setDeleting(ref);
    else if (action === 'duplicate') {
      try {
        const { revision } = await apiFetch<{ revision: { manifest?: Record<string, unknown> } }>(`/vdcs/${encodeURIComponent(ref)}`);
        setCreating({ source: { name: vdc.name, team: teamKey(vdc), manifest: revision.manifest ?? {} } });
      } catch (err) {
        toast(`Could not read “${vdc.name}”: ${(err as Error).message}`);
      }
    } else setLifecycle({ action, vdc: ref, revision: vdc.revision });
  }
  const lamp = assemblies.find((a) => a.id.includes('lamp')) ?? assemblies[0];

  return (
    <div className="relative mx-auto min-h-[70vh] w-full max-w-6xl px-6 py-8" data-testid="vdc-list-drop" {...drop.handlers}>
      <DropOverlay visible={drop.dragging} />
      <PageHeader
        title="Virtual datacenters"
        description="Each VDC is one application: appliances, the wires between them, and the revisions you saved."
        actions={
          <div className="flex gap-2">
            {teamsShown.length > 1 && (
              <select
                aria-label="Filter by team"
                className="block h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm"
                value={teamFilter}
                onChange={(e) => setTeamFilter(e.target.value)}
                data-testid="vdc-team-filter"
              >
                <option value="">All teams</option>
                {teamsShown.map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.personal ? `${t.name ?? t.slug} (personal)` : (t.name ?? t.slug)}
                  </option>
                ))}
              </select>
            )}
            <ImportBundleButton onFile={setImporting} />
            {vdcs.length > 0 && (
              <Button variant="primary" onClick={() => setCreating({})} data-testid="create-vdc">
                <span aria-hidden className="-ml-0.5 text-base leading-none">+</span>
                New VDC
              </Button>
            )}
          </div>
        }
      />
      <div className="mt-6 space-y-4">
        {loadError && <Alert title="Could not refresh the list">{loadError}</Alert>}
        {vdcs.length === 0 ? (
          <EmptyState assembly={lamp} onCreate={(from) => setCreating({ from })} />
        ) : (
          <>
            <VdcListFilters query={query} hiddenDestroyed={hiddenDestroyed} onChange={changeQuery} />
            <VdcTable vdcs={shown} all={vdcs} canDuplicate={teams.length > 0} onAction={act} />
          </>
        )}
      </div>

      <CreateVdcDialog
        open={creating !== null}
        assemblies={assemblies}
        teams={teams}
        initial={creating?.from}
        source={creating?.source}
        existing={vdcs}
        onClose={() => setCreating(null)}
        onCreated={(name) => {
          setCreating(null);
          router.push(editorHref(name));
        }}
      />
      <ImportBundleDialog
        file={importing}
        onClose={() => setImporting(null)}
        onImported={(name) => {
          setImporting(null);
          toast(`Imported “${name}”`);
          router.push(editorHref(name));
        }}
      />
      <LifecycleDialog
        request={lifecycle}
        onClose={() => setLifecycle(null)}
        onRequested={(action, name) => {
          toast(`${action === 'deploy' ? 'Deploy' : action === 'stop' ? 'Stop' : 'Start'} of “${name}” requested`);
          void reload();
        }}
      />
      <RenameVdcDialog
        vdc={renaming?.ref ?? null}
        taken={renaming ? namesInTeam(vdcs, renaming.team) : undefined}
        onClose={() => setRenaming(null)}
        onRenamed={(from, to) => {
          setRenaming(null);
          setVdcs((list) => list.map((v) => (names(v, from) ? { ...v, name: to, revision: v.revision + 1 } : v)).sort((a, b) => a.name.localeCompare(b.name)));
          toast(`Renamed “${from}” to “${to}”`);
          void reload();
        }}
      />
      <DeleteVdcDialog
        vdc={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(name) => {
          setVdcs((list) => list.filter((v) => !names(v, name)));
          toast(`Deleted “${name}”`);
        }}
      />
    </div>
  );
}
