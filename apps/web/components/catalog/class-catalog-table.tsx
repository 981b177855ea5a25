// The classes in the catalog with every version: stock (templates/) or committed on this Colo,
// and how many VDCs use it. The class's own page has the details and the changes.
import Link from 'next/link';
import { Badge } from '../ui/badge';
import type { CatalogClassItem } from './types';

export function ClassCatalogTable({ classes }: { classes: CatalogClassItem[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-testid="catalog-class-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-2.5">Class</th>
            <th className="px-4 py-2.5">Title</th>
            <th className="px-4 py-2.5">Versions (followers use the head)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {classes.map((c) => (
            <tr key={c.id} className="align-top hover:bg-slate-50" data-testid={`catalog-class-${c.id}`}>
              <td className="px-4 py-2.5">
                <Link href={`/classes/${encodeURIComponent(c.id)}`} className="font-mono font-medium text-indigo-700 hover:underline">
                  {c.id}
                </Link>
              </td>
              <td className="px-4 py-2.5 text-slate-700">{c.title}</td>
              <td className="px-4 py-2.5">
                <ul className="flex flex-wrap gap-1.5">
                  {[...c.versions].reverse().map((v) => (
                    <li key={v.version}>
                      <Badge tone={v.version === c.head ? 'indigo' : 'gray'}>
                        v{v.version}
                        {v.source && ` · ${v.source}`}
                        {v.version === c.head && ' · head'}
                        {v.vdcs > 0 && ` · ${v.vdcs} ${v.vdcs === 1 ? 'VDC' : 'VDCs'}`}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
