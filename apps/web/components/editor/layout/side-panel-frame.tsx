'use client';
// A side column of the editor (palette, inspector) that folds into a narrow rail, so a small
// screen can give the canvas the room. The rail keeps the panel's name, and a hint (the selected
// appliance), so a folded panel is still found and still says what it would show.
import type { ReactNode } from 'react';

export interface SidePanelFrameProps {
  /** `palette` or `inspector`: the test ids `<id>-toggle`, `<id>-rail`. */
  id: string;
  label: string;
  side: 'left' | 'right';
  open: boolean;
  onToggle: () => void;
  /** Shown along the folded rail under the label. */
  hint?: string;
  /** The key that folds and unfolds it, for the tooltip ("Shift+P"). */
  shortcut?: string;
  children: ReactNode;
}

function Chevron({ pointsLeft }: { pointsLeft: boolean }) {
  return (
    <svg viewBox="0 0 20 20" className={`size-4 ${pointsLeft ? '' : 'rotate-180'}`} fill="currentColor" aria-hidden>
      <path d="M12.7 5.3a1 1 0 0 1 0 1.4L9.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4l-4-4a1 1 0 0 1 0-1.4l4-4a1 1 0 0 1 1.4 0Z" />
    </svg>
  );
}

export function SidePanelFrame({ id, label, side, open, onToggle, hint, shortcut, children }: SidePanelFrameProps) {
  const edge = side === 'left' ? 'border-r' : 'border-l';
  const key = shortcut ? ` (${shortcut})` : '';
  const bodyId = `${id}-panel-body`;
  if (!open) {
    return (
      <div data-testid={`${id}-rail`} className={`flex w-9 shrink-0 flex-col items-center ${edge} border-slate-200 bg-white py-1.5`}>
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={false}
          aria-label={`Show ${label.toLowerCase()}`}
          title={`Show ${label.toLowerCase()}${key}`}
          data-testid={`${id}-toggle`}
          className="flex flex-col items-center gap-2 rounded-md px-1 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        >
          <Chevron pointsLeft={side === 'right'} />
          <span className="text-xs font-medium [writing-mode:vertical-rl]">{label}</span>
          {hint && <span className="max-h-40 truncate font-mono text-[11px] text-slate-500 [writing-mode:vertical-rl]">{hint}</span>}
        </button>
      </div>
    );
  }
  return (
    <div className="flex min-h-0 shrink-0 flex-col">
      <div className={`flex h-8 shrink-0 items-center justify-between ${edge} border-b border-slate-200 bg-white pr-1 pl-3`}>
        <span className="text-[11px] font-semibold tracking-wide text-slate-600 uppercase">{label}</span>
        <button
          type="button"
          onClick={onToggle}
          aria-expanded
          aria-controls={bodyId}
          aria-label={`Hide ${label.toLowerCase()}`}
          title={`Hide ${label.toLowerCase()}: more room for the canvas${key}`}
          data-testid={`${id}-toggle`}
          className="grid size-7 place-items-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <Chevron pointsLeft={side === 'left'} />
        </button>
      </div>
      <div id={bodyId} className="flex min-h-0 flex-1">
        {children}
      </div>
    </div>
  );
}
