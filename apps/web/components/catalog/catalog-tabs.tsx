'use client';
// The catalog's three lists as tabs (WAI-ARIA tabs: arrows, Home and End move between them). The
// chosen tab is kept in the address (?tab=) so a reload or a shared link opens the same one.
import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';

export interface CatalogTab {
  id: string;
  label: string;
  count: number;
  panel: ReactNode;
}

export function CatalogTabs({ tabs, initial }: { tabs: CatalogTab[]; initial: string }) {
  const [selected, setSelected] = useState(tabs.some((t) => t.id === initial) ? initial : tabs[0].id);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  function choose(id: string, focus = false) {
    setSelected(id);
    if (focus) refs.current[id]?.focus();
    const url = new URL(window.location.href);
    url.searchParams.set('tab', id);
    window.history.replaceState(window.history.state, '', url);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const at = tabs.findIndex((t) => t.id === selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    choose(tabs[(next + tabs.length) % tabs.length].id, true);
  }

  return (
    <div className="mt-6">
      <div role="tablist" aria-label="Catalog" onKeyDown={onKeyDown} className="flex gap-1 border-b border-slate-200">
        {tabs.map((t) => {
          const active = t.id === selected;
          return (
            <button
              key={t.id}
              ref={(el) => {
                refs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`catalog-tab-${t.id}`}
              aria-selected={active}
              aria-controls={`catalog-panel-${t.id}`}
              tabIndex={active ? 0 : -1}
              data-testid={`catalog-tab-${t.id}`}
              onClick={() => choose(t.id)}
              className={`-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${
                active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
              }`}
            >
              {t.label}
              <span className={`rounded-full px-1.5 text-xs tabular-nums ${active ? 'bg-indigo-50 text-indigo-700' : 'bg-slate-100 text-slate-600'}`}>{t.count}</span>
            </button>
          );
        })}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`catalog-panel-${t.id}`}
          aria-labelledby={`catalog-tab-${t.id}`}
          hidden={t.id !== selected}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel takes focus so keyboard users reach its content (WAI-ARIA tabs)
          tabIndex={0}
          className="pt-5 focus-visible:outline-none"
        >
          {t.panel}
        </div>
      ))}
    </div>
  );
}
