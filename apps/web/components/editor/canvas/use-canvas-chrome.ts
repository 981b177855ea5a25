'use client';
// The canvas chrome (fit.ts) for the canvas's current size, from React Flow's store: the value
// changes only when the size crosses a step, so a resize re-renders the canvas a few times, not
// at every pixel.
import { useStore, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { type CanvasChrome, canvasChrome } from './fit';

export function useCanvasChrome(): CanvasChrome {
  return useStore((s) => canvasChrome(s.width, s.height));
}

/** Reads the chrome when called (for actions that frame the view after a change). */
export function useChromeNow(): () => CanvasChrome {
  const store = useStoreApi();
  return useCallback(() => {
    const { width, height } = store.getState();
    return canvasChrome(width, height);
  }, [store]);
}
