'use client';
// The strip under the canvas: Problems (default), YAML, Operations. Collapsible, so a big
// drawing can have the whole height; lower on a short window, so the canvas keeps most of it.
import type { ReactNode } from 'react';

export type BottomTab = 'problems' | 'yaml' | 'operations';

function TabButton(props: { tab: BottomTab; active: boolean; testId?: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={props.active}
      data-testid={props.testId}
      onClick={props.onClick}
      className={`relative flex h-9 items-center gap-1.5 px-3 text-[13px] font-medium ${
        props.active ? 'text-slate-900 after:absolute after:inset-x-2 after:bottom-0 after:h-0.5 after:rounded-full after:bg-indigo-600' : 'text-slate-500 hover:text-slate-800'
      }`}
    >
      {props.children}
    </button>
  );
}

function Count({ n, tone }: { n: number; tone: 'red' | 'amber' }) {
  if (n === 0) return null;
  const look = tone === 'red' ? 'bg-rose-100 text-rose-700' : 'bg-amber-100 text-amber-800';
  return <span className={`rounded-full px-1.5 text-[11px] leading-4 font-semibold tabular-nums ${look}`}>{n}</span>;
}

export function BottomPanel(props: {
  tab: BottomTab;
  open: boolean;
  errors: number;
  warnings: number;
  operationRunning: boolean;
  onTab: (tab: BottomTab) => void;
  onToggle: () => void;
  children: ReactNode;
}) {
  const pick = (tab: BottomTab) => () => {
    props.onTab(tab);
    if (!props.open) props.onToggle();
  };
  return (
    <section aria-label="Details" className={`flex shrink-0 flex-col border-t border-slate-200 bg-white ${props.open ? (props.tab === 'yaml' ? 'h-72 [@media(max-height:800px)]:h-56' : 'h-56 [@media(max-height:800px)]:h-40') : ''}`}>
      <div className="flex items-center border-b border-slate-100 px-2">
        {/* Only tabs inside the tablist (ARIA): the collapse button sits beside it. */}
        <div role="tablist" className="flex items-center">
        <TabButton tab="problems" active={props.open && props.tab === 'problems'} testId="problems-tab" onClick={pick('problems')}>
          Problems
          <Count n={props.errors} tone="red" />
          <Count n={props.warnings} tone="amber" />
        </TabButton>
        <TabButton tab="yaml" active={props.open && props.tab === 'yaml'} testId="yaml-tab" onClick={pick('yaml')}>
          YAML
        </TabButton>
        <TabButton tab="operations" active={props.open && props.tab === 'operations'} testId="operations-tab" onClick={pick('operations')}>
          Operations
          {props.operationRunning && (
            <>
              <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-sky-500" />
              <span className="sr-only">(running)</span>
            </>
          )}
        </TabButton>
        </div>
        <button
          type="button"
          onClick={props.onToggle}
          aria-label={props.open ? 'Collapse panel' : 'Expand panel'}
          aria-expanded={props.open}
          className="ml-auto grid size-7 place-items-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <svg viewBox="0 0 20 20" className={`size-4 transition-transform ${props.open ? '' : 'rotate-180'}`} fill="currentColor" aria-hidden>
            <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
          </svg>
        </button>
      </div>
      {props.open && <div className="min-h-0 flex-1">{props.children}</div>}
    </section>
  );
}
