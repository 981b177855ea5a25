// An assembly's versions, newest first: the note saved with each, when, which of the viewer's VDCs
// place it, and a link that shows that version's interior below.
import Link from 'next/link';
import { RelativeTime } from '../vdc-list/relative-time';
import { type AssemblyItem, assemblyHref } from './types';
import { VdcLinks } from './vdc-links';

export function AssemblyVersionsTable({ assembly, shown }: { assembly: AssemblyItem; shown: number }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-testid="assembly-versions">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-2.5">Version</th>
            <th className="px-4 py-2.5">Note</th>
            <th className="px-4 py-2.5">Saved</th>
            <th className="px-4 py-2.5">Used by my VDCs</th>
            <th className="px-4 py-2.5">
              <span className="sr-only">Interior</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {assembly.versions.map((v) => (
            <tr key={v.version} className={`align-top ${v.version === shown ? 'bg-indigo-50/40' : ''}`} data-testid={`assembly-version-${v.version}`}>
              <td className="px-4 py-2.5 font-mono font-medium whitespace-nowrap text-slate-900">
                v{v.version}
                {v.version === assembly.version && <span className="ml-1.5 font-sans text-xs font-normal text-slate-500">latest</span>}
              </td>
              <td className="max-w-xs px-4 py-2.5 text-slate-700">{v.note || <span className="text-slate-500">—</span>}</td>
              <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">
                {v.createdAt && <RelativeTime iso={v.createdAt} />}
              </td>
              <td className="px-4 py-2.5">
                <VdcLinks uses={assembly.usedBy.filter((u) => u.version === v.version)} showVersion={false} />
              </td>
              <td className="px-4 py-2.5 text-right whitespace-nowrap">
                {v.version === shown ? (
                  <span className="text-xs text-slate-500" aria-current="true">
                    shown below
                  </span>
                ) : (
                  <Link href={assemblyHref(assembly.id, v.version)} className="text-sm font-medium text-indigo-700 hover:underline" aria-label={`Show the interior of version ${v.version}`}>
                    Show interior
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
