'use client';
// When the canvas's left edge moves (the palette folds or unfolds), the drawing stays where it
// was on the screen instead of jumping with the edge: React Flow anchors its view at the canvas's
// top-left corner, so the view is panned by the same distance the other way.
import { useReactFlow } from '@xyflow/react';
import { type RefObject, useEffect } from 'react';

export function useSteadyCanvas(canvasBox: RefObject<HTMLDivElement | null>): void {
  const flow = useReactFlow();
  useEffect(() => {
    const box = canvasBox.current;
    if (!box) return;
    let left = box.getBoundingClientRect().left;
    const observer = new ResizeObserver(() => {
      const now = box.getBoundingClientRect().left;
      const moved = now - left;
      left = now;
      if (moved === 0) return;
      const view = flow.getViewport();
      void flow.setViewport({ ...view, x: view.x - moved });
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [canvasBox, flow]);
}
