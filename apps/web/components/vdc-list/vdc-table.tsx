// One row per VDC; the name opens the editor, History its timeline. Each names its team and the
// caller's role there, and is linked by `name@team` where the bare name is ambiguous.
import Link from 'next/link';
import { RelativeTime } from './relative-time';
import { type RowAction, RowMenu } from './row-menu';
import { OperationStatusBadge, VdcStateBadge } from './state-badges';
import { Badge } from '../ui/badge';
import { editorHref, historyHref, type VdcRow, vdcRefs } from './types';

export function VdcTable(props: {
  vdcs: VdcRow[];
  /** Every VDC of the caller, so a name is made `name@team` by all of them, not only the shown ones. */
  all: VdcRow[];
  canDuplicate: boolean;
  onAction: (action: RowAction, vdc: VdcRow, ref: string) => void;
}) {
  const { vdcs } = props;
  const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase';
  const refs = vdcRefs(props.all);
  return (
    <div className="overflow-visible rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
      <table className="w-full text-sm" data-testid="vdc-table">
        <thead className="border-b border-slate-200 bg-slate-50/70">
          <tr>
            <th className={`${th} rounded-tl-xl`}>Name</th>
            <th className={th}>Team</th>
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
          {vdcs.map((v) => {
            const ref = refs.get(v.id) ?? v.name;
            return (
            <tr key={v.id} className="group hover:bg-slate-50/60" data-testid={`vdc-row-${v.name}`}>
              <td className="px-4 py-3">
                <Link href={editorHref(ref)} className="font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500">
                  {v.name}
                </Link>
                {v.description && <p className="max-w-xs truncate text-xs text-slate-500" title={v.description}>{v.description}</p>}
              </td>
              <td className="px-4 py-3" data-testid={`vdc-team-${v.name}`}>
                {v.team ? (
                  <span className="flex items-center gap-1.5">
                    <span className={v.team.personal ? 'text-slate-500' : 'text-slate-800'}>{v.team.personal ? 'personal' : (v.team.name ?? v.team.slug)}</span>
                    {!v.team.personal && <Badge tone={v.team.role === 'viewer' ? 'gray' : v.team.role === 'admin' ? 'amber' : 'blue'}>{v.team.role}</Badge>}
                  </span>
                ) : (
                  <span className="text-slate-500">-</span>
                )}
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
                  <span className="text-slate-500">Never deployed</span>
                )}
              </td>
              <td className="px-2 py-3">
                <div className="flex items-center justify-end gap-1">
                  <Link
                    href={historyHref(ref)}
                    className="rounded-md px-2.5 py-1 text-sm font-medium text-slate-600 opacity-80 hover:bg-slate-100 group-hover:opacity-100"
                    data-testid={`vdc-history-${v.name}`}
                  >
                    History
                  </Link>
                  <Link
                    href={editorHref(ref)}
                    className="rounded-md px-2.5 py-1 text-sm font-medium text-indigo-700 opacity-80 group-hover:bg-indigo-50 group-hover:opacity-100"
                  >
                    Open
                  </Link>
                  <RowMenu vdc={v} vdcRef={ref} canDuplicate={props.canDuplicate} onAction={(action) => props.onAction(action, v, ref)} />
                </div>
              </td>
            </tr>
            );
          })}
          {vdcs.length === 0 && (
            <tr>
              <td colSpan={7} className="px-4 py-8 text-center text-sm text-slate-600" data-testid="vdc-no-match">
                No VDC matches this search and filter.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
