'use client';
// Users' assemblies in the catalog: a filter (Mine / Shared with me / Published) and one row per
// assembly with its owner, newest version, who may use it, and which of the viewer's VDCs use which version.
import Link from 'next/link';
import { useState } from 'react';
import { ASSEMBLY_FILTERS, type AssemblyFilter, filterCounts, matchesFilter } from './assembly-filters';
import { type AssemblyItem, assemblyHref } from './types';
import { VdcLinks } from './vdc-links';
import { VisibilityBadge } from './visibility-badge';

export function AssemblyTable({ assemblies }: { assemblies: AssemblyItem[] }) {
  const [filter, setFilter] = useState<AssemblyFilter>('all');
  const counts = filterCounts(assemblies);
  const shown = assemblies.filter((a) => matchesFilter(a, filter));
  const label = ASSEMBLY_FILTERS.find((f) => f.id === filter)?.label ?? '';

  return (
    <div className="space-y-4">
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="sr-only">Show assemblies</legend>
        {ASSEMBLY_FILTERS.map((f) => (
          <button
            key={f.id}
            type="button"
            aria-pressed={filter === f.id}
            data-testid={`assembly-filter-${f.id}`}
            onClick={() => setFilter(f.id)}
            className={`rounded-full px-3 py-1 text-sm font-medium ring-1 transition-colors ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${
              filter === f.id ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
            }`}
          >
            {f.label} <span className="tabular-nums opacity-75">{counts[f.id]}</span>
          </button>
        ))}
      </fieldset>
      <p className="sr-only" aria-live="polite">
        {`${shown.length} ${shown.length === 1 ? 'assembly' : 'assemblies'} shown (${label})`}
      </p>
      {shown.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600" data-testid="assemblies-empty">
          {assemblies.length === 0
            ? 'No assemblies yet. In the editor, select appliances and save them as an assembly; shared and published ones from other users appear here too.'
            : `Nothing under “${label}”.`}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-testid="assembly-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2.5">Assembly</th>
                <th className="px-4 py-2.5">Owner</th>
                <th className="px-4 py-2.5">Latest</th>
                <th className="px-4 py-2.5">Versions</th>
                <th className="px-4 py-2.5">Visibility</th>
                <th className="px-4 py-2.5">Used by my VDCs</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((a) => (
                <tr key={a.id} className="align-top hover:bg-slate-50" data-testid={`assembly-row-${a.id}`}>
                  <td className="px-4 py-2.5">
                    <Link href={assemblyHref(a.id)} className="font-medium text-indigo-700 hover:underline" data-testid={`assembly-link-${a.id}`}>
                      {a.title}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{a.id}</div>
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">{a.mine ? <span className="font-medium">You</span> : <span title={a.owner.email}>{a.owner.name}</span>}</td>
                  <td className="px-4 py-2.5 font-mono text-slate-700">v{a.version}</td>
                  <td className="px-4 py-2.5 text-slate-600 tabular-nums">{a.versions.length}</td>
                  <td className="px-4 py-2.5">
                    <VisibilityBadge visibility={a.visibility} testId={`assembly-visibility-${a.id}`} />
                  </td>
                  <td className="px-4 py-2.5" data-testid={`assembly-used-${a.id}`}>
                    <VdcLinks uses={a.usedBy} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
