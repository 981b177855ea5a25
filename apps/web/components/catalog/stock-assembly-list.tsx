// The ready-made architectures of templates/assemblies: each can start a new VDC.
import Link from 'next/link';
import { buttonClasses } from '../ui/button';
import type { StockAssemblyItem } from './types';

export const newVdcFromHref = (id: string) => `/vdcs?from=${encodeURIComponent(id)}`;

export function StockAssemblyList({ assemblies }: { assemblies: StockAssemblyItem[] }) {
  if (assemblies.length === 0) {
    return <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">This Colo has no stock assemblies in templates/assemblies.</p>;
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2" data-testid="stock-assemblies">
      {assemblies.map((a) => (
        <li key={a.id} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={`stock-assembly-${a.id}`}>
          <h3 className="text-sm font-semibold text-slate-900">{a.title}</h3>
          <p className="font-mono text-xs text-slate-500">
            {a.id}
            {a.appliances !== null && <span className="font-sans"> · {a.appliances} appliances</span>}
          </p>
          <p className="mt-2 flex-1 text-sm text-slate-600">{a.description || 'A ready-made architecture.'}</p>
          <Link href={newVdcFromHref(a.id)} className={buttonClasses('secondary', 'sm', 'mt-4 self-start')} aria-label={`New VDC from ${a.title}`}>
            New VDC from it
          </Link>
        </li>
      ))}
    </ul>
  );
}
