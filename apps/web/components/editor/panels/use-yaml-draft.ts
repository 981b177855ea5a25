'use client';
// The YAML tab's text while the user edits it. Readable text that is a manifest of this VDC goes
// onto the canvas (one undo step per visit); anything else is reported and the text is kept —
// across tab switches and canvas edits — until the user fixes it or replaces it.
import { type EditorDoc, yamlToDoc } from '@colo/canvas';
import type { Catalog, Issue } from '@colo/manifest';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type EditorStore, manifestKey } from '../use-editor-store';
import { yamlTextProblems } from '../yaml/yaml-problems';

export interface YamlDraft {
  text: string;
  errors: Issue[];
  /** The document the text was last in step with; a different current one means the canvas moved on. */
  inStepWith: EditorDoc;
}

const PARSE_DELAY_MS = 250;

export function useYamlDraft(store: EditorStore, vdcName: string, catalog: Catalog) {
  const [draft, setDraftState] = useState<YamlDraft | null>(null);
  const draftRef = useRef<YamlDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const focused = useRef(false);
  const { commit, seal, current } = store;

  const setDraft = useCallback((next: YamlDraft | null) => {
    draftRef.current = next;
    setDraftState(next);
  }, []);

  /** Applies the text if it reads as a manifest of this VDC; returns whether it did. */
  const apply = useCallback(
    (text: string): boolean => {
      const result = yamlToDoc(text, vdcName, catalog);
      const now = draftRef.current;
      if (!result.doc) {
        if (now?.text === text) setDraft({ ...now, errors: result.errors });
        return false;
      }
      const present = current().history.present;
      // Reformatting alone changes nothing: no undo step for whitespace.
      const next = manifestKey(result.doc) === manifestKey(present) ? present : result.doc;
      if (next !== present) commit(next, 'yaml');
      if (now?.text === text) setDraft({ text, errors: [], inStepWith: next });
      return true;
    },
    [vdcName, catalog, commit, current, setDraft],
  );

  const change = useCallback(
    (text: string) => {
      const before = draftRef.current;
      setDraft({ text, errors: before?.errors ?? [], inStepWith: before?.inStepWith ?? current().history.present });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => apply(text), PARSE_DELAY_MS);
    },
    [apply, current, setDraft],
  );

  const focus = useCallback(() => {
    focused.current = true;
  }, []);

  /** Leaving the field: applied text gives way to the canonical form; broken text stays. */
  const blur = useCallback(() => {
    focused.current = false;
    clearTimeout(timer.current);
    const now = draftRef.current;
    if (now && apply(now.text)) setDraft(null);
    seal();
  }, [apply, seal, setDraft]);

  /**
   * Applies text still waiting for its parse now (Save pressed mid-typing) and returns what
   * refuses it, worded for Problems: empty when the tab has no text of its own or it applied.
   */
  const flush = useCallback((): Issue[] => {
    const now = draftRef.current;
    if (!now) return [];
    clearTimeout(timer.current);
    if (apply(now.text)) return [];
    const refused = draftRef.current;
    return refused ? yamlTextProblems(refused.text, refused.errors) : [];
  }, [apply]);

  const discard = useCallback(() => {
    clearTimeout(timer.current);
    setDraft(null);
  }, [setDraft]);

  // A canvas edit (or undo) while the text is in step: show the new canonical text.
  useEffect(() => {
    if (draft && draft.errors.length === 0 && draft.inStepWith !== store.doc && !focused.current) setDraft(null);
  }, [draft, store.doc, setDraft]);

  useEffect(() => () => clearTimeout(timer.current), []);

  /** The refused text's problems (none while the text applies), as Problems rows. */
  const problems = useMemo(() => (draft && draft.errors.length > 0 ? yamlTextProblems(draft.text, draft.errors) : []), [draft]);

  return { draft, problems, change, focus, blur, discard, flush };
}
