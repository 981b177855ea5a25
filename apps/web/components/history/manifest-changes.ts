// What changed between two manifests, in the VDC's own terms: appliances added, removed or
// changed (and in which fields), wires added or removed, the VDC's own fields, the layout.
// Pure, so the summary above a revision diff is unit-tested.

type Plain = Record<string, unknown>;

export interface ApplianceChange {
  name: string;
  /** Top-level fields of the appliance that differ, e.g. `replicas`, `class`, `properties.workers`. */
  fields: string[];
}

export interface ManifestChanges {
  added: string[];
  removed: string[];
  changed: ApplianceChange[];
  /** Wires as `from → to`. */
  wiresAdded: string[];
  wiresRemoved: string[];
  /** Other top-level fields of the VDC that differ (`name`, `properties`…), layout excepted. */
  vdcFields: string[];
  layoutChanged: boolean;
}

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep equality of JSON values; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] !== undefined || b[k] !== undefined));
  for (const k of keys) if (!sameValue(a[k], b[k])) return false;
  return true;
}

function appliances(m: Plain): Map<string, Plain> {
  const list = Array.isArray(m.appliances) ? m.appliances : [];
  return new Map(list.filter(isPlain).map((a) => [String(a.name), a] as const));
}

function wires(m: Plain): string[] {
  const list = Array.isArray(m.connections) ? m.connections : [];
  return list.filter(isPlain).map((c) => `${String(c.from)} → ${String(c.to)}`);
}

/** Fields that differ; `properties` is looked into, so a changed property is named. */
function changedFields(a: Plain, b: Plain): string[] {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'name');
  for (const key of keys) {
    if (sameValue(a[key], b[key])) continue;
    const pa = a[key];
    const pb = b[key];
    if (key === 'properties' && (isPlain(pa) || pa === undefined) && (isPlain(pb) || pb === undefined)) {
      const pa2 = (pa ?? {}) as Plain;
      const pb2 = (pb ?? {}) as Plain;
      for (const p of [...new Set([...Object.keys(pa2), ...Object.keys(pb2)])].sort()) {
        if (!sameValue(pa2[p], pb2[p])) out.push(`properties.${p}`);
      }
    } else {
      out.push(key);
    }
  }
  return out;
}

export function manifestChanges(before: unknown, after: unknown): ManifestChanges {
  const a = isPlain(before) ? before : {};
  const b = isPlain(after) ? after : {};
  const oldApps = appliances(a);
  const newApps = appliances(b);
  const added = [...newApps.keys()].filter((n) => !oldApps.has(n));
  const removed = [...oldApps.keys()].filter((n) => !newApps.has(n));
  const changed: ApplianceChange[] = [];
  for (const [name, next] of newApps) {
    const prev = oldApps.get(name);
    if (!prev) continue;
    const fields = changedFields(prev, next);
    if (fields.length > 0) changed.push({ name, fields });
  }
  const oldWires = wires(a);
  const newWires = wires(b);
  const vdcFields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => !['appliances', 'connections', 'visual'].includes(k) && !sameValue(a[k], b[k]),
  );
  return {
    added,
    removed,
    changed,
    wiresAdded: newWires.filter((w) => !oldWires.includes(w)),
    wiresRemoved: oldWires.filter((w) => !newWires.includes(w)),
    vdcFields,
    layoutChanged: !sameValue(a.visual ?? {}, b.visual ?? {}),
  };
}

export function hasChanges(c: ManifestChanges, opts: { layout?: boolean } = {}): boolean {
  return (
    c.added.length + c.removed.length + c.changed.length + c.wiresAdded.length + c.wiresRemoved.length + c.vdcFields.length > 0 ||
    (Boolean(opts.layout) && c.layoutChanged)
  );
}

/** Short lines for the summary: "Added cache", "Changed web: replicas, properties.workers". */
export function describeChanges(c: ManifestChanges): string[] {
  const out: string[] = [];
  if (c.added.length) out.push(`Added ${c.added.join(', ')}`);
  if (c.removed.length) out.push(`Removed ${c.removed.join(', ')}`);
  for (const ch of c.changed) out.push(`Changed ${ch.name}: ${ch.fields.join(', ')}`);
  if (c.wiresAdded.length) out.push(`Wired ${c.wiresAdded.join('; ')}`);
  if (c.wiresRemoved.length) out.push(`Unwired ${c.wiresRemoved.join('; ')}`);
  if (c.vdcFields.length) out.push(`VDC ${c.vdcFields.join(', ')} changed`);
  if (c.layoutChanged) out.push('Layout moved');
  return out;
}
