'use client';
// Keeps the unsaved drawing in localStorage while there is one, and warns before the page is
// left with unsaved changes. Paused while a found draft waits for the user's decision, so the
// offer is never overwritten by the freshly loaded revision.
import { docToManifest } from '@colo/canvas';
import { useEffect } from 'react';
import type { EditorStore } from '../use-editor-store';
import { clearDrafts, writeDraft } from './local-draft';

const WRITE_DELAY_MS = 400;

export function useLocalDraft(store: EditorStore, vdc: string, paused: boolean) {
  const { doc, dirty } = store;
  const base = store.state.baseRevision;

  useEffect(() => {
    if (paused) return;
    if (!dirty) {
      clearDrafts(vdc);
      return;
    }
    const timer = setTimeout(() => writeDraft(vdc, base, docToManifest(doc)), WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [doc, dirty, base, vdc, paused]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      // Flush now: the debounced write may not have run yet.
      if (!paused) writeDraft(vdc, base, docToManifest(doc));
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, doc, base, vdc, paused]);
}
