// Unsaved drawings in localStorage, keyed by VDC and the revision they started from, so a
// reload or a crash does not lose work and a draft of an old revision is never mistaken for one
// of the current revision.
import type { ManifestInput } from '@colo/manifest';

const PREFIX = 'colo.draft.';

export interface StoredDraft {
  vdc: string;
  baseRevision: number;
  savedAt: string;
  manifest: ManifestInput;
}

function keyOf(vdc: string, baseRevision: number): string {
  return `${PREFIX}${vdc}@${baseRevision}`;
}

function keysOf(vdc: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(`${PREFIX}${vdc}@`)) keys.push(key);
  }
  return keys;
}

function read(key: string): StoredDraft | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as StoredDraft | null;
    return value && typeof value.baseRevision === 'number' && value.manifest ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The newest draft of this VDC, whatever revision it started from. */
export function findDraft(vdc: string): StoredDraft | undefined {
  if (typeof localStorage === 'undefined') return undefined;
  const drafts = keysOf(vdc).flatMap((key) => read(key) ?? []);
  return drafts.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
}

/** Keeps one draft per VDC: the latest one. Storage being full or off is not worth an error. */
export function writeDraft(vdc: string, baseRevision: number, manifest: ManifestInput): void {
  try {
    const key = keyOf(vdc, baseRevision);
    for (const other of keysOf(vdc)) if (other !== key) localStorage.removeItem(other);
    const draft: StoredDraft = { vdc, baseRevision, savedAt: new Date().toISOString(), manifest };
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Quota exceeded or storage disabled: the beforeunload warning still protects the work.
  }
}

export function clearDrafts(vdc: string): void {
  try {
    for (const key of keysOf(vdc)) localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept either.
  }
}
