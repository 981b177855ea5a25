'use client';
// The manifests of two revisions, for a diff. A revision never changes once saved, so each is
// fetched once per VDC (by id: a VDC deleted and made again under its name is another VDC).
import { useEffect, useState } from 'react';
import { apiFetch } from '../ui/api-fetch';
import type { RevisionManifestBody } from './types';

const cache = new Map<string, Promise<unknown>>();

function revisionManifest(vdcId: string, vdcName: string, revision: number): Promise<unknown> {
  const key = `${vdcId}@${revision}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = apiFetch<RevisionManifestBody>(`/vdcs/${encodeURIComponent(vdcName)}?revision=${revision}`).then((b) => b.revision.manifest);
    // A failure is not remembered: the next attempt asks again.
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

export type ManifestPair = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; before: unknown; after: unknown };

export function useRevisionManifests(vdc: { id: string; name: string }, from: number, to: number): ManifestPair {
  const [pair, setPair] = useState<ManifestPair>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setPair({ status: 'loading' });
    Promise.all([revisionManifest(vdc.id, vdc.name, from), revisionManifest(vdc.id, vdc.name, to)])
      .then(([before, after]) => current && setPair({ status: 'ready', before, after }))
      .catch((err: unknown) => current && setPair({ status: 'failed', message: (err as Error).message }));
    return () => {
      current = false;
    };
  }, [vdc.id, vdc.name, from, to]);
  return pair;
}
