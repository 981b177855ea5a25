// The classes page: every class in the catalog with the version its followers use and how many
// versions it has; each row opens the class's page (versions, prototype, rollback).
import Link from 'next/link';
import { PageHeader } from '../shell/page-header';
import { Badge } from '../ui/badge';
import type { ClassSummary } from './types';

export function ClassList({ classes }: { classes: ClassSummary[] }) {
  return (
    <div className="mx-auto w-full max-w-6xl px-6 py-8">
      <PageHeader
        title="Classes"
        description="The kinds of appliance in the catalog. Patch a class in its prototype and commit the next version: every appliance that follows the class moves onto it, replica by replica; pinned ones stay."
      />
      <div className="mt-6 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="class-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="px-4 py-2.5">Class</th>
              <th className="px-4 py-2.5">Title</th>
              <th className="px-4 py-2.5">Head</th>
              <th className="px-4 py-2.5">Versions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {classes.map((c) => (
              <tr key={c.id} className="hover:bg-slate-50" data-testid={`class-row-${c.id}`}>
                <td className="px-4 py-2.5">
                  <Link href={`/classes/${encodeURIComponent(c.id)}`} className="font-mono font-medium text-indigo-700 hover:underline" data-testid={`class-link-${c.id}`}>
                    {c.id}
                  </Link>
                </td>
                <td className="px-4 py-2.5 text-slate-700">{c.title}</td>
                <td className="px-4 py-2.5">
                  <Badge tone="indigo">v{c.head}</Badge>
                </td>
                <td className="px-4 py-2.5 text-slate-600 tabular-nums">{c.versions.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
