'use client';
// A class's versions, newest first: the head, where each came from, its note and author, the
// VDCs that use it (pinned ones marked), and rollback / delete with the reason when not allowed.
import Link from 'next/link';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { RelativeTime } from '../vdc-list/relative-time';
import type { ClassVersionBody, ClassViewBody } from './types';
import { deleteBlocked, moveLabel, usageDetail } from './version-actions';

export function VersionsTable({ view, admin, onMove, onDelete }: { view: ClassViewBody; admin: boolean; onMove: (v: ClassVersionBody) => void; onDelete: (v: ClassVersionBody) => void }) {
  const readOnly = admin ? undefined : 'Only an admin can change a class';
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-testid="versions-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-2.5">Version</th>
            <th className="px-4 py-2.5">Source</th>
            <th className="px-4 py-2.5">Note</th>
            <th className="px-4 py-2.5">Author</th>
            <th className="px-4 py-2.5">Created</th>
            <th className="px-4 py-2.5">Used by</th>
            <th className="px-4 py-2.5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.versions.map((v) => {
            const blocked = readOnly ?? deleteBlocked(v);
            return (
              <tr key={v.version} data-testid={`version-row-${v.version}`} data-head={v.head || undefined} className="align-top">
                <td className="px-4 py-2.5 whitespace-nowrap">
                  <span className="font-mono font-medium text-slate-900">v{v.version}</span>{' '}
                  {v.head && (
                    <Badge tone="indigo" testId="head-badge">
                      head
                    </Badge>
                  )}
                </td>
                <td className="px-4 py-2.5 text-slate-600">
                  {v.source}
                  {v.baseVersion !== null && <span className="text-slate-500"> · from v{v.baseVersion}</span>}
                </td>
                <td className="max-w-xs px-4 py-2.5 text-slate-700">{v.note || <span className="text-slate-500">—</span>}</td>
                <td className="px-4 py-2.5 text-slate-600">{v.createdBy || <span className="text-slate-500">templates/</span>}</td>
                <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">{v.createdAt ? <RelativeTime iso={v.createdAt} /> : <span className="text-slate-500">—</span>}</td>
                <td className="px-4 py-2.5" data-testid={`version-used-${v.version}`}>
                  {v.usedBy.length === 0 && v.usedByOthers === 0 && <span className="text-slate-500">nothing</span>}
                  <ul className="space-y-0.5">
                    {v.usedBy.map((u) => (
                      <li key={u.vdc} className="flex flex-wrap items-center gap-1.5">
                        <Link href={`/vdcs/${encodeURIComponent(u.vdc)}`} className="font-medium text-indigo-700 hover:underline">
                          {u.vdc}
                        </Link>
                        <span className="text-xs text-slate-500">{usageDetail(u)}</span>
                        {u.pinned && (
                          <Badge tone="amber" testId={`pinned-${u.vdc}`}>
                            pinned
                          </Badge>
                        )}
                      </li>
                    ))}
                    {v.usedByOthers > 0 && (
                      <li className="text-xs text-slate-500">
                        and {v.usedByOthers} VDC{v.usedByOthers === 1 ? '' : 's'} of other users
                      </li>
                    )}
                  </ul>
                </td>
                <td className="px-4 py-2.5">
                  <div className="flex justify-end gap-1.5 whitespace-nowrap">
                    {!v.head && (
                      <Button size="sm" onClick={() => onMove(v)} disabled={!admin} title={readOnly} data-testid={`move-to-${v.version}`}>
                        {moveLabel(v, view.head)}
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" onClick={() => onDelete(v)} disabled={blocked !== undefined} title={blocked} data-testid={`delete-version-${v.version}`}>
                      Delete
                    </Button>
                  </div>
                  {admin && v.source === 'committed' && blocked && (
                    <p className="mt-1 max-w-56 text-right text-xs text-slate-500" data-testid={`delete-blocked-${v.version}`}>
                      {blocked}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
