'use client';
// A key in the canvas's bottom strip for the marks a first-time user cannot guess: the `*` of a
// mandatory output and the amber handle of one not wired yet. Shown only while the drawing has
// such a terminal; the bottom strip is kept clear of boxes when framing (fit.ts).
import type { EditorDoc } from '@colo/canvas';
import type { Catalog } from '@colo/manifest';
import { Panel } from '@xyflow/react';
import { useMemo } from 'react';
import { mandatoryOutputs } from './mandatory-outputs';

export function CanvasLegend({ doc, catalog }: { doc: EditorDoc; catalog: Catalog }) {
  const outputs = useMemo(() => mandatoryOutputs(doc, catalog), [doc, catalog]);
  if (!outputs.any) return null;
  return (
    <Panel position="bottom-center" className="pointer-events-none !m-3">
      <p
        data-testid="canvas-legend"
        className="flex items-center gap-3 rounded-md border border-slate-200 bg-white/90 px-2.5 py-1 text-[11px] text-slate-700 shadow-sm"
      >
        <span>
          <span aria-hidden="true" className="font-semibold text-rose-600">
            *
          </span>{' '}
          mandatory output: wire it before deploy
        </span>
        {outputs.unwired.length > 0 && (
          <span className="flex items-center gap-1.5" title={`Not wired yet: ${outputs.unwired.join(', ')}`}>
            <span aria-hidden="true" className="size-2.5 rounded-full bg-amber-500 ring-2 ring-amber-500/20" />
            not wired yet ({outputs.unwired.length})
          </span>
        )}
      </p>
    </Panel>
  );
}
