// One row per VDC; the name opens the editor, History its timeline.
import Link from 'next/link';
import { RelativeTime } from './relative-time';
import { RowMenu } from './row-menu';
import { OperationStatusBadge, VdcStateBadge } from './state-badges';
import { editorHref, historyHref, type VdcRow } from './types';

export function VdcTable({ vdcs, onRename, onDelete }: { vdcs: VdcRow[]; onRename: (name: string) => void; onDelete: (name: string) => void }) {
  const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase';
  return (
    <div className="overflow-visible rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
      <table className="w-full text-sm" data-testid="vdc-table">
        <thead className="border-b border-slate-200 bg-slate-50/70">
          <tr>
            <th className={`${th} rounded-tl-xl`}>Name</th>
            <th className={th}>State</th>
            <th className={`${th} text-right`}>Appliances</th>
            <th className={`${th} text-right`}>Revision</th>
            <th className={th}>Last operation</th>
            <th className={`${th} rounded-tr-xl`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {vdcs.map((v) => (
            <tr key={v.id} className="group hover:bg-slate-50/60" data-testid={`vdc-row-${v.name}`}>
              <td className="px-4 py-3">
                <Link href={editorHref(v.name)} className="font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500">
                  {v.name}
                </Link>
              </td>
              <td className="px-4 py-3">
                <VdcStateBadge state={v.state} />
              </td>
              <td className="px-4 py-3 text-right text-slate-700 tabular-nums">{v.applianceCount}</td>
              <td className="px-4 py-3 text-right text-slate-500 tabular-nums">#{v.revision}</td>
              <td className="px-4 py-3">
                {v.lastOperation ? (
                  <span className="flex items-center gap-2 text-slate-700">
                    <span className="font-medium capitalize">{v.lastOperation.kind}</span>
                    <OperationStatusBadge status={v.lastOperation.status} progress={v.lastOperation.progress} />
                    <span className="text-xs text-slate-500">
                      <RelativeTime iso={v.lastOperation.finishedAt ?? v.lastOperation.createdAt} />
                    </span>
                  </span>
                ) : (
                  <span className="text-slate-400">Never deployed</span>
                )}
              </td>
              <td className="px-2 py-3">
                <div className="flex items-center justify-end gap-1">
                  <Link
                    href={historyHref(v.name)}
                    className="rounded-md px-2.5 py-1 text-sm font-medium text-slate-600 opacity-80 hover:bg-slate-100 group-hover:opacity-100"
                    data-testid={`vdc-history-${v.name}`}
                  >
                    History
                  </Link>
                  <Link
                    href={editorHref(v.name)}
                    className="rounded-md px-2.5 py-1 text-sm font-medium text-indigo-600 opacity-80 group-hover:bg-indigo-50 group-hover:opacity-100"
                  >
                    Open
                  </Link>
                  <RowMenu name={v.name} onRename={() => onRename(v.name)} onDelete={() => onDelete(v.name)} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
