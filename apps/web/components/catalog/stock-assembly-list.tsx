'use client';
// The ready-made architectures of templates/assemblies: each can start a new VDC, through the
// same create dialog the VDC list uses, then opens it in the editor.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '../ui/button';
import { CreateVdcDialog } from '../vdc-list/create-vdc-dialog';
import { type AssemblyOption, editorHref } from '../vdc-list/types';
import type { StockAssemblyItem } from './types';

export function StockAssemblyList({ assemblies }: { assemblies: StockAssemblyItem[] }) {
  const router = useRouter();
  const options: AssemblyOption[] = assemblies.flatMap((a) => (a.manifest ? [{ id: a.id, title: a.title, description: a.description || undefined, manifest: a.manifest }] : []));
  const [from, setFrom] = useState<AssemblyOption | null>(null);

  if (assemblies.length === 0) {
    return <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">This Colo has no stock assemblies in templates/assemblies.</p>;
  }
  return (
    <>
      <ul className="grid gap-4 sm:grid-cols-2" data-testid="stock-assemblies">
        {assemblies.map((a) => {
          const option = options.find((o) => o.id === a.id);
          return (
            <li key={a.id} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={`stock-assembly-${a.id}`}>
              <h3 className="text-sm font-semibold text-slate-900">{a.title}</h3>
              <p className="font-mono text-xs text-slate-500">
                {a.id}
                {a.appliances !== null && <span className="font-sans"> · {a.appliances} appliances</span>}
              </p>
              <p className="mt-2 flex-1 text-sm text-slate-600">{a.description || 'A ready-made architecture.'}</p>
              {option && (
                <Button size="sm" className="mt-4 self-start" onClick={() => setFrom(option)} aria-label={`New VDC from ${a.title}`} data-testid={`new-vdc-from-${a.id}`}>
                  New VDC from it
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <CreateVdcDialog
        open={from !== null}
        assemblies={options}
        initial={from ?? undefined}
        onClose={() => setFrom(null)}
        onCreated={(name) => {
          setFrom(null);
          router.push(editorHref(name));
        }}
      />
    </>
  );
}
