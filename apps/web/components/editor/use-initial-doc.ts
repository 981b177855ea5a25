'use client';
// The revision as the editor first shows it. A manifest written elsewhere (the CLI, an import)
// may have no layout: all-unplaced drawings get an auto-layout, a few unplaced boxes a free
// spot each. This is the baseline, not an edit — nothing is "unsaved" just for opening.
import { autoLayout, type EditorDoc, freeSpot, manifestToDoc, moveAppliances } from '@colo/canvas';
import type { Catalog, ManifestInput } from '@colo/manifest';
import { useEffect, useState } from 'react';

export function useInitialDoc(manifest: ManifestInput | undefined, catalog: Catalog | undefined): EditorDoc | undefined {
  // Remembers which manifest the document was made from, so a switch to another VDC never
  // shows the previous VDC's drawing for a render.
  const [made, setMade] = useState<{ from: ManifestInput; doc: EditorDoc }>();
  useEffect(() => {
    if (!manifest || !catalog) return;
    let cancelled = false;
    const setDoc = (doc: EditorDoc) => setMade({ from: manifest, doc });
    const loaded = manifestToDoc(manifest);
    const unplaced = loaded.manifest.appliances.filter((a) => !loaded.positions[a.name]);
    if (unplaced.length === 0) {
      setDoc(loaded);
    } else if (unplaced.length === loaded.manifest.appliances.length) {
      autoLayout(loaded, catalog)
        .then((positions) => !cancelled && setDoc(moveAppliances(loaded, positions)))
        .catch(() => !cancelled && setDoc(loaded));
    } else {
      let placed = loaded;
      for (const a of unplaced) placed = moveAppliances(placed, { [a.name]: freeSpot(placed, catalog, a.class, { x: 0, y: 0 }) });
      setDoc(placed);
    }
    return () => {
      cancelled = true;
    };
  }, [manifest, catalog]);
  return made && made.from === manifest ? made.doc : undefined;
}
