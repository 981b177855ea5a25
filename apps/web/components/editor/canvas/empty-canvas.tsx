'use client';
// The first thing a new VDC shows: how to start, with the LAMP cluster one click away.
import { Button } from '@/components/ui/button';

export function EmptyCanvas({ starter, onStart }: { starter?: { title: string }; onStart: () => void }) {
  return (
    <div className="pointer-events-none absolute inset-0 z-10 grid place-items-center p-6">
      <div className="pointer-events-auto max-w-sm rounded-2xl border border-dashed border-slate-300 bg-white/90 p-6 text-center shadow-sm backdrop-blur">
        <div className="mx-auto grid size-10 place-items-center rounded-xl bg-indigo-50 text-indigo-600">
          <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
            <rect x="3" y="4" width="7" height="6" rx="1.5" />
            <rect x="14" y="14" width="7" height="6" rx="1.5" />
            <path d="M10 7h3a2 2 0 0 1 2 2v5" />
          </svg>
        </div>
        <h2 className="mt-3 text-base font-semibold text-slate-900">Draw your datacenter</h2>
        <p className="mt-1 text-sm text-slate-600">
          Drag a class from the palette onto the canvas (or click it), then wire an output on the right of a box to an input on the left of
          another.
        </p>
        {starter && (
          <Button variant="primary" className="mt-4" onClick={onStart} data-testid="start-from-assembly">
            Start from the {starter.title}
          </Button>
        )}
      </div>
    </div>
  );
}
