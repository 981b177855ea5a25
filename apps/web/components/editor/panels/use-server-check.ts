'use client';
// The server's verdict on the drawing, asked while the user edits (POST /validate, debounced):
// the checks the browser cannot make alone — host ports other VDCs and entries hold, ports bound
// on the host, the team's quota, classes not shared — so Problems lists every error Save and
// Deploy would meet before anything is pressed. Its words are the validator's (issue-words.ts).
import { docToManifest, type EditorDoc } from '@colo/canvas';
import type { Issue } from '@colo/manifest';
import { useEffect, useState } from 'react';
import { apiFetch } from '../../ui/api-fetch';

/** Long enough that typing a port asks once, short enough to feel live. */
export const SERVER_CHECK_DELAY_MS = 600;

export interface ServerCheck {
  /** The drawing these issues are about (the newest asked for may still be on its way). */
  doc: EditorDoc;
  errors: Issue[];
}

interface Verdict {
  ok: boolean;
  errors: Issue[];
}

/**
 * The server's errors the editor's own (edit-mode) validator did not find. The server judges as
 * for a deploy, so an unwired mandatory output is an error there; the editor shows that one as
 * its own warning already.
 */
export function serverOnly(server: Issue[], local: Issue[], warnings: Issue[]): Issue[] {
  const key = (i: Issue) => `${i.path}\u0000${i.message}`;
  const known = new Set([...local, ...warnings].map(key));
  return server.filter((i) => !known.has(key(i)) && !/mandatory output/.test(i.message)).map((i) => ({ ...i, severity: 'error' as const }));
}

export function useServerCheck(doc: EditorDoc, enabled: boolean): ServerCheck | null {
  const [check, setCheck] = useState<ServerCheck | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      apiFetch<Verdict>('/validate', { method: 'POST', body: { manifest: docToManifest(doc) }, signal: abort.signal })
        .then((verdict) => setCheck({ doc, errors: verdict.errors ?? [] }))
        // Offline or refused: the editor's own checks still stand; Save reports the rest.
        .catch(() => undefined);
    }, SERVER_CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [doc, enabled]);
  // The last verdict stands until the next one arrives: Problems does not flicker while typing.
  return enabled ? check : null;
}
