// A stored manifest as the engine builds it: its assembly boxes expanded with the versions it
// names. For the readers that count or show what runs (quota usage, status) rather than deploy it.
import { expandAssemblies, validateManifest } from '@colo/manifest';
import { getCatalog } from '../catalog';
import { catalogForStored } from './assembly-catalog';

export interface ExpandedStored {
  manifest: unknown;
  /** Expanded appliance name → the box (top-level appliance) it came from. */
  boxOf: Map<string, string>;
}

function topLevel(manifest: unknown): { name: string; class: string }[] {
  const appliances = (manifest as { appliances?: unknown } | null)?.appliances;
  if (!Array.isArray(appliances)) return [];
  return appliances.filter(
    (a): a is { name: string; class: string } => typeof a?.name === 'string' && typeof a?.class === 'string',
  );
}

/** `manifest` unchanged when it has no assembly (or cannot be expanded: it is shown as written). */
export async function expandStored(manifest: unknown): Promise<ExpandedStored> {
  const base = await getCatalog();
  const boxes = topLevel(manifest).filter((a) => base.get(a.class) === undefined);
  if (boxes.length === 0) return { manifest, boxOf: new Map() };
  const catalog = await catalogForStored(manifest);
  const checked = validateManifest(manifest, catalog, { mode: 'edit' });
  if (!checked.ok) return { manifest, boxOf: new Map() };
  const expanded = expandAssemblies(checked.manifest, catalog);
  if (!expanded.ok) return { manifest, boxOf: new Map() };
  const own = new Set(topLevel(manifest).map((a) => a.name));
  const boxNames = boxes.map((b) => b.name).sort((a, b) => b.length - a.length);
  const boxOf = new Map<string, string>();
  for (const a of expanded.manifest.appliances) {
    if (own.has(a.name)) continue;
    const box = boxNames.find((b) => a.name.startsWith(`${b}-`));
    if (box) boxOf.set(a.name, box);
  }
  return { manifest: expanded.manifest, boxOf };
}
