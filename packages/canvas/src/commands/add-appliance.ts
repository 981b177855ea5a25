// A new appliance from the palette: the class as the catalog has it, every setting left to the
// class defaults, and a name nobody has yet.
import type { Catalog, Position } from '@colo/manifest';
import { applianceNames, type EditorDoc } from '../editor-doc';
import { freshName } from '../fresh-name';
import { type Edit, refuse } from './edit';

/** Adds one appliance of `classRef` (id or id@version) at `at`, named after the class id. */
export function addAppliance(
  doc: EditorDoc,
  catalog: Catalog,
  classRef: string,
  at: Position,
  preferredName?: string,
): Edit<{ name: string }> {
  const cls = catalog.get(classRef);
  if (!cls) return refuse(`the catalog has no class "${classRef}"`);
  const name = freshName(preferredName ?? cls.id, applianceNames(doc));
  return {
    ok: true,
    name,
    doc: {
      manifest: { ...doc.manifest, appliances: [...doc.manifest.appliances, { name, class: classRef }] },
      positions: { ...doc.positions, [name]: { x: Math.round(at.x), y: Math.round(at.y) } },
    },
  };
}
