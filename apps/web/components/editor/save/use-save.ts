'use client';
// Saving a revision. The PUT names the revision the drawing is based on; when someone saved in
// between, the server answers 409 and the user chooses — their version (mine stays one undo
// away) or mine on top of theirs. Nothing is dropped without a decision. A drawing with problems
// is still saved, as a draft revision (Deploy stays disabled until they are fixed), and the
// toast says how many it has.
import { docToManifest, type EditorDoc, manifestToDoc } from '@colo/canvas';
import type { Catalog, Issue } from '@colo/manifest';
import { useCallback, useRef, useState } from 'react';
import { useToast } from '@/components/ui/toast';
import { fetchVdc, issuesOf, putVdc, staleRevisionOf } from '../editor-api';
import { type EditorStore, manifestKey } from '../use-editor-store';

export interface Conflict {
  mine: number;
  theirs: number;
}

export interface SaveFailure {
  message: string;
  /** The server's verdict (it also knows the ports other VDCs hold). */
  issues: Issue[];
  /** The drawing that was refused: its issues stop applying once it changes. */
  doc: EditorDoc;
}

export function useSave(store: EditorStore, vdcName: string, _catalog: Catalog, onSaved: () => void) {
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  /** The save on its way to the server, if any: a second save (Deploy's, Ctrl+S) waits for it. */
  const inFlight = useRef<Promise<boolean> | null>(null);
  const toast = useToast();
  const { current, saved, rebase } = store;

  const put = useCallback(
    async (doc: EditorDoc, base: number): Promise<boolean> => {
      setSaving(true);
      setFailure(null);
      try {
        const answer = await putVdc(vdcName, docToManifest(doc), base, true);
        saved(answer.revision.number, doc);
        setConflict(null);
        onSaved();
        const problems = answer.problems?.length ?? 0;
        if (problems > 0) toast(`Saved revision ${answer.revision.number} with ${problems === 1 ? '1 problem' : `${problems} problems`}: fix them to deploy`, 'info');
        else toast(answer.changed ? `Saved revision ${answer.revision.number}` : 'No changes since the last revision', 'success');
        return true;
      } catch (err) {
        const theirs = staleRevisionOf(err);
        if (theirs !== undefined) setConflict({ mine: base, theirs });
        else setFailure({ message: (err as Error).message, issues: issuesOf(err), doc });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [vdcName, saved, onSaved, toast],
  );

  /** Saves the drawing as it is now; false when refused (problems, conflict, failure). */
  const save = useCallback(async (): Promise<boolean> => {
    // One already running (Save pressed, then Deploy at once): its outcome decides, and what
    // changed while it ran is saved after it. Never a silent "no" that makes Deploy do nothing.
    while (inFlight.current) {
      if (!(await inFlight.current)) return false;
      const now = current();
      if (manifestKey(now.history.present) === now.savedKey) return true;
    }
    const { history, baseRevision } = current();
    const running = put(history.present, baseRevision);
    inFlight.current = running;
    try {
      return await running;
    } finally {
      if (inFlight.current === running) inFlight.current = null;
    }
  }, [current, put]);

  const overwrite = useCallback(async () => {
    if (!conflict) return false;
    return put(current().history.present, conflict.theirs);
  }, [conflict, current, put]);

  const reloadTheirs = useCallback(async () => {
    try {
      const body = await fetchVdc(vdcName);
      const theirs = manifestToDoc(body.revision.manifest);
      rebase(theirs, body.revision.number, manifestKey(theirs));
      setConflict(null);
      onSaved();
      toast(`Loaded revision ${body.revision.number}. Undo brings your version back.`, 'info');
    } catch (err) {
      setFailure({ message: (err as Error).message, issues: [], doc: current().history.present });
      setConflict(null);
    }
  }, [vdcName, rebase, onSaved, toast, current]);

  return {
    saving,
    conflict,
    failure,
    save,
    overwrite,
    reloadTheirs,
    dismissConflict: () => setConflict(null),
    dismissFailure: () => setFailure(null),
  };
}
