// One assembly: what it is and who owns it, how to place it, its versions and the VDCs of the
// viewer that use each, the interior of the chosen version, and — for its owner only — sharing
// and delete. Others see who owns it; the API refuses them changes anyway.
import type { AssemblyDefinition } from '@colo/manifest';
import Link from 'next/link';
import { CopyButton } from '../ui/copy-button';
import { AssemblyDiagram } from './assembly-diagram';
import { AssemblyInterior } from './assembly-interior';
import { AssemblyVersionsTable } from './assembly-versions-table';
import { DeleteAssembly } from './delete-assembly';
import { SharingPanel } from './sharing-panel';
import type { AssemblyItem } from './types';
import { VisibilityBadge } from './visibility-badge';

export function AssemblyDetail({ assembly, shown, definition }: { assembly: AssemblyItem; shown: number; definition: AssemblyDefinition }) {
  const ref = `${assembly.id}@${shown}`;
  const vdcsUsing = new Set(assembly.usedBy.map((u) => u.vdc)).size;
  return (
    <div className="mx-auto w-full max-w-6xl px-6 py-8">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/catalog?tab=assemblies" className="hover:text-slate-800 hover:underline">
          Catalog
        </Link>
        <span aria-hidden> / </span>
        <span className="font-mono">{assembly.id}</span>
      </nav>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            {assembly.title}
            <VisibilityBadge visibility={assembly.visibility} testId="assembly-visibility" />
          </h1>
          <p className="mt-1 text-sm text-slate-600" data-testid="assembly-owner">
            {assembly.mine ? (
              'Yours'
            ) : (
              <>
                Owned by <span className="font-medium text-slate-800">{assembly.owner.name}</span> ({assembly.owner.email}); only they can change, share or delete it.
              </>
            )}{' '}
            · latest v{assembly.version} · {assembly.versions.length} {assembly.versions.length === 1 ? 'version' : 'versions'}
          </p>
          {assembly.description && <p className="mt-3 max-w-2xl text-sm whitespace-pre-line text-slate-700">{assembly.description}</p>}
        </div>
        {assembly.mine && <DeleteAssembly id={assembly.id} title={assembly.title} usedBy={vdcsUsing} />}
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="versions-heading" className="space-y-3">
            <h2 id="versions-heading" className="text-base font-semibold text-slate-900">
              Versions
            </h2>
            <AssemblyVersionsTable assembly={assembly} shown={shown} />
          </section>
          <section aria-labelledby="interior-heading" className="space-y-3" data-testid="assembly-interior" data-version={shown}>
            <h2 id="interior-heading" className="text-base font-semibold text-slate-900">
              Inside version {shown}
            </h2>
            <AssemblyDiagram definition={definition} />
            <AssemblyInterior definition={definition} />
          </section>
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="place-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="place-heading" className="text-sm font-semibold text-slate-900">
              Place it
            </h2>
            <p className="mt-1 text-xs text-slate-600">Drag it from the editor's palette, or name this version as an appliance's class in a manifest:</p>
            <div className="mt-2 flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-800" data-testid="assembly-ref">
                class: {ref}
              </code>
              <CopyButton text={`class: ${ref}`} label="Copy" size="sm" aria-label={`Copy class: ${ref}`} />
            </div>
            <p className="mt-3 text-xs text-slate-600">
              Or take it to another Colo:{' '}
              <a
                className="font-medium text-sky-700 underline hover:text-sky-900"
                href={`/api/v1/assemblies/${encodeURIComponent(assembly.id)}/bundle?version=${shown}`}
                download={`${assembly.id}.colo.yaml`}
                data-testid="assembly-export"
              >
                export version {shown} as {assembly.id}.colo.yaml
              </a>{' '}
              (drop it on the VDC list there).
            </p>
          </section>
          {assembly.mine ? (
            <SharingPanel assembly={assembly} />
          ) : (
            <section className="rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-600 shadow-sm" data-testid="sharing-readonly">
              <h2 className="text-sm font-semibold text-slate-900">Sharing</h2>
              <p className="mt-1">
                {assembly.visibility === 'published' ? 'Published to everyone on this Colo' : 'Shared with you'} by {assembly.owner.name}. You can place it in your VDCs; a VDC that uses a version keeps it even if
                the owner stops sharing.
              </p>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
