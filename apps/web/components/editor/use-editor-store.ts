'use client';
// The editor's state: the document with its undo history, the selection, and the revision the
// drawing is based on. Commands run against the latest state synchronously (a ref, not a
// render's snapshot), so two events in one frame never overwrite each other.
import {
  canRedo,
  canUndo,
  createHistory,
  docToManifest,
  type Edit,
  type EditorDoc,
  type History,
  record,
  redo,
  seal,
  undo,
} from '@colo/canvas';
import { useCallback, useMemo, useRef, useState } from 'react';

export interface Selection {
  nodes: string[];
  edges: string[];
}

export const NO_SELECTION: Selection = { nodes: [], edges: [] };

export interface EditorState {
  history: History<EditorDoc>;
  selection: Selection;
  /** The revision a save names as its base (409 when someone saved after it). */
  baseRevision: number;
  /** manifestKey of what the server has at baseRevision: unsaved changes = a different key. */
  savedKey: string;
}

/** Identity of a drawing's saved form; layout counts (it is saved too). */
export function manifestKey(doc: EditorDoc): string {
  return JSON.stringify(docToManifest(doc));
}

function pruneSelection(selection: Selection, doc: EditorDoc): Selection {
  const names = new Set(doc.manifest.appliances.map((a) => a.name));
  const nodes = selection.nodes.filter((n) => names.has(n));
  return nodes.length === selection.nodes.length ? selection : { ...selection, nodes };
}

export interface EditorStore {
  state: EditorState;
  doc: EditorDoc;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Runs a command on the latest document; records it unless refused. */
  run: <T extends object>(command: (doc: EditorDoc) => Edit<T>, options?: { coalesce?: string; select?: Selection }) => Edit<T>;
  /** Records a document computed elsewhere (a move, a layout, the YAML tab). */
  commit: (doc: EditorDoc, coalesce?: string) => void;
  seal: () => void;
  undo: () => void;
  redo: () => void;
  select: (selection: Selection) => void;
  current: () => EditorState;
  /** Starts over from a revision: history cleared, nothing unsaved. */
  load: (doc: EditorDoc, revision: number) => void;
  /** Moves to another base (their revision, or a restored draft) as an undoable step. */
  rebase: (doc: EditorDoc, revision: number, savedKey: string) => void;
  saved: (revision: number, doc: EditorDoc) => void;
}

export function useEditorStore(initialDoc: EditorDoc, initialRevision: number): EditorStore {
  const [state, setState] = useState<EditorState>(() => ({
    history: createHistory(initialDoc),
    selection: NO_SELECTION,
    baseRevision: initialRevision,
    savedKey: manifestKey(initialDoc),
  }));
  const ref = useRef(state);
  const update = useCallback((change: (s: EditorState) => EditorState) => {
    const next = change(ref.current);
    if (next === ref.current) return;
    ref.current = next;
    setState(next);
  }, []);

  const run = useCallback<EditorStore['run']>(
    (command, options = {}) => {
      const edit = command(ref.current.history.present);
      if (edit.ok) {
        update((s) => ({
          ...s,
          history: record(s.history, edit.doc, options.coalesce),
          selection: options.select ?? pruneSelection(s.selection, edit.doc),
        }));
      }
      return edit;
    },
    [update],
  );

  const commit = useCallback(
    (doc: EditorDoc, coalesce?: string) =>
      update((s) => ({ ...s, history: record(s.history, doc, coalesce), selection: pruneSelection(s.selection, doc) })),
    [update],
  );

  const step = useCallback(
    (move: (h: History<EditorDoc>) => History<EditorDoc>) =>
      update((s) => {
        const history = move(seal(s.history));
        return history === s.history ? s : { ...s, history, selection: pruneSelection(s.selection, history.present) };
      }),
    [update],
  );

  const actions = useMemo(
    () => ({
      seal: () => update((s) => ({ ...s, history: seal(s.history) })),
      undo: () => step(undo),
      redo: () => step(redo),
      select: (selection: Selection) => update((s) => ({ ...s, selection })),
      current: () => ref.current,
      load: (doc: EditorDoc, revision: number) =>
        update(() => ({ history: createHistory(doc), selection: NO_SELECTION, baseRevision: revision, savedKey: manifestKey(doc) })),
      rebase: (doc: EditorDoc, revision: number, savedKey: string) =>
        update((s) => ({
          ...s,
          history: record(seal(s.history), doc),
          selection: pruneSelection(s.selection, doc),
          baseRevision: revision,
          savedKey,
        })),
      saved: (revision: number, doc: EditorDoc) =>
        update((s) => ({ ...s, baseRevision: revision, savedKey: manifestKey(doc) })),
    }),
    [update, step],
  );

  const doc = state.history.present;
  const dirty = useMemo(() => manifestKey(doc) !== state.savedKey, [doc, state.savedKey]);
  return {
    state,
    doc,
    dirty,
    canUndo: canUndo(state.history),
    canRedo: canRedo(state.history),
    run,
    commit,
    ...actions,
  };
}
