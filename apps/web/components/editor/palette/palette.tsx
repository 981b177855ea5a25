'use client';
// The left column: every class of the catalog (latest versions) grouped by category, the
// user's assemblies (each placed as one box, pinned to its newest version) and the stock
// templates (placed as their appliances), with one search box over titles, ids, descriptions.
import type { ApplianceClass, Catalog } from '@colo/manifest';
import { useMemo, useState } from 'react';
import { CATEGORY_LABEL, CATEGORY_ORDER, ClassIcon } from '../canvas/class-icon';
import { ASSEMBLY_MIME, BOX_MIME, CLASS_MIME } from '../canvas/drag-types';
import type { Assembly, UserAssembly } from '../editor-api';
import { PaletteItem } from './palette-item';

/** One entry per class: the version a new appliance follows (the head). Assemblies' boxes are listed apart. */
function latestClasses(catalog: Catalog): ApplianceClass[] {
  const ids = new Set(catalog.list().flatMap((cls) => (catalog.assembly?.(cls.id) ? [] : [cls.id])));
  return [...ids].flatMap((id) => catalog.get(id) ?? []);
}

function terminalsLine(cls: ApplianceClass): string {
  const ins = cls.terminals.inputs.map((t) => t.protocol);
  const outs = cls.terminals.outputs.map((t) => t.protocol);
  return [...new Set(ins)].join(' ') + (outs.length ? ` → ${[...new Set(outs)].join(' ')}` : '');
}

function matches(query: string, ...texts: string[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = texts.join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export function Palette(props: {
  catalog: Catalog;
  assemblies: Assembly[];
  userAssemblies: UserAssembly[];
  onAddClass: (id: string) => void;
  onAddAssembly: (id: string) => void;
  onAddBox: (id: string) => void;
}) {
  const [query, setQuery] = useState('');
  const classes = useMemo(() => latestClasses(props.catalog), [props.catalog]);
  const shown = classes.filter((c) =>
    matches(query, c.id, c.title, c.description, c.category, ...c.terminals.inputs.map((t) => t.protocol), ...c.terminals.outputs.map((t) => t.protocol)),
  );
  const groups = CATEGORY_ORDER.map((category) => ({ category, items: shown.filter((c) => c.category === category) })).filter(
    (g) => g.items.length > 0,
  );
  const assemblies = props.assemblies.filter((a) => matches(query, a.id, a.title, a.description));
  const boxes = props.userAssemblies.filter((a) => matches(query, a.id, a.title, a.description, a.owner.name, a.owner.email));

  return (
    <aside aria-label="Palette" className="flex min-h-0 w-60 shrink-0 flex-col border-r border-slate-200 bg-slate-50/80">
      <div className="border-b border-slate-200 p-3">
        <label className="sr-only" htmlFor="palette-search">
          Search the catalog
        </label>
        <input
          id="palette-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search classes…"
          className="h-8 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm placeholder:text-slate-400 focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500"
        />
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-2 pb-6">
        {groups.map((group) => (
          <section key={group.category} aria-label={CATEGORY_LABEL[group.category]}>
            <h3 className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{CATEGORY_LABEL[group.category]}</h3>
            <ul className="space-y-0.5">
              {group.items.map((cls) => (
                <PaletteItem
                  key={cls.id}
                  testId={`palette-item-${cls.id}`}
                  mime={CLASS_MIME}
                  id={cls.id}
                  icon={<ClassIcon icon={cls.icon} category={cls.category} size="sm" />}
                  title={cls.title}
                  subtitle={`${cls.id} · ${terminalsLine(cls)}`}
                  detail={cls.description}
                  onAdd={() => props.onAddClass(cls.id)}
                />
              ))}
            </ul>
          </section>
        ))}
        {boxes.length > 0 && (
          <section aria-label="Assemblies">
            <h3 className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Assemblies</h3>
            <ul className="space-y-0.5">
              {boxes.map((a) => (
                <PaletteItem
                  key={a.id}
                  testId={`palette-box-${a.id}`}
                  mime={BOX_MIME}
                  id={a.id}
                  icon={<ClassIcon icon={a.icon} category="other" size="sm" />}
                  title={a.title}
                  subtitle={`${a.id} v${a.version}${a.mine ? '' : ` · ${a.owner.name || a.owner.email}`}`}
                  detail={`${a.description ? `${a.description}\n\n` : ''}One box of ${a.definition.appliances.length} appliance${a.definition.appliances.length === 1 ? '' : 's'}${
                    a.mine ? '' : `, by ${a.owner.name || a.owner.email}`
                  }${a.visibility === 'published' ? ' (published)' : a.visibility === 'shared' ? ' (shared)' : ''}`}
                  onAdd={() => props.onAddBox(a.id)}
                />
              ))}
            </ul>
          </section>
        )}
        {assemblies.length > 0 && (
          <section aria-label="Templates">
            <h3 className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Templates</h3>
            <ul className="space-y-0.5">
              {assemblies.map((a) => (
                <PaletteItem
                  key={a.id}
                  testId={`palette-assembly-${a.id}`}
                  mime={ASSEMBLY_MIME}
                  id={a.id}
                  icon={<ClassIcon icon="box" category="other" size="sm" />}
                  title={a.title}
                  subtitle={`${a.manifest.appliances?.length ?? 0} appliances`}
                  detail={a.description}
                  onAdd={() => props.onAddAssembly(a.id)}
                />
              ))}
            </ul>
          </section>
        )}
        {groups.length === 0 && assemblies.length === 0 && boxes.length === 0 && (
          <p className="px-2 py-6 text-center text-sm text-slate-500">Nothing matches “{query}”.</p>
        )}
      </div>
    </aside>
  );
}
