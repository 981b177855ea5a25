// Undo and redo over immutable documents. Bounded, and a run of edits with the same coalesce key
// (one drag, one field being typed into) is one step, until `seal` ends the run.
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The coalesce key of the edit that made `present`, while its run is open. */
  readonly openRun?: string;
  readonly limit: number;
}

export function createHistory<T>(present: T, limit = 200): History<T> {
  return { past: [], present, future: [], limit };
}

/** Records `next` as the new present. Same object: nothing happened, nothing recorded. */
export function record<T>(history: History<T>, next: T, coalesce?: string): History<T> {
  if (next === history.present) return history;
  if (coalesce !== undefined && coalesce === history.openRun) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present];
  if (past.length > history.limit) past.splice(0, past.length - history.limit);
  return { past, present: next, future: [], openRun: coalesce, limit: history.limit };
}

/** Ends the open run: the next edit is a step of its own even with the same key. */
export function seal<T>(history: History<T>): History<T> {
  return history.openRun === undefined ? history : { ...history, openRun: undefined };
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1],
    future: [history.present, ...history.future],
    limit: history.limit,
  };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return {
    past: [...history.past, history.present],
    present: history.future[0],
    future: history.future.slice(1),
    limit: history.limit,
  };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}
