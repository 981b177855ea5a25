// A manifest back to text, the same bytes for the same meaning: keys in the order of
// docs/contracts.md, properties sorted, layout in appliance order, short objects on one line.
import { Document, isCollection } from 'yaml';
import { KEY_ORDER, type ManifestInput } from './manifest-schema';

type Plain = Record<string, unknown>;

function ordered(value: Plain | undefined, order: readonly string[]): Plain | undefined {
  if (value === undefined) return undefined;
  const out: Plain = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function sortedKeys<T>(record: Record<string, T>, first: readonly string[] = []): Record<string, T> {
  const keys = Object.keys(record);
  const lead = first.filter((k) => Object.hasOwn(record, k));
  const rest = keys.filter((k) => !lead.includes(k)).sort();
  const out: Record<string, T> = {};
  for (const key of [...lead, ...rest]) out[key] = record[key];
  return out;
}

/** The manifest as a plain object in canonical key order, undefined keys dropped. */
export function canonicalManifest(manifest: ManifestInput): Plain {
  const appliances = (manifest.appliances ?? []).map((a) =>
    ordered(
      {
        ...a,
        resources: ordered(a.resources, KEY_ORDER.resources),
        properties: a.properties && sortedKeys(a.properties),
        expose: a.expose?.map((e) => ordered(e, KEY_ORDER.expose)),
        failover: ordered(a.failover, KEY_ORDER.failover),
        placement: ordered(a.placement, KEY_ORDER.placement),
      },
      KEY_ORDER.appliance,
    ),
  );
  const names = (manifest.appliances ?? []).map((a) => a.name);
  const visual =
    manifest.visual &&
    Object.fromEntries(
      Object.entries(sortedKeys(manifest.visual, names)).map(([k, v]) => [k, ordered(v, KEY_ORDER.position)]),
    );
  return ordered(
    {
      ...manifest,
      appliances,
      connections: (manifest.connections ?? []).map((c) => ordered(c, KEY_ORDER.connection)),
      visual,
    },
    KEY_ORDER.manifest,
  )!;
}

function flow(doc: Document, path: (string | number)[]): void {
  const node = doc.getIn(path, true);
  if (isCollection(node)) node.flow = true;
}

function toYaml(plain: Plain): string {
  const doc = new Document(plain);
  const appliances = (plain.appliances as Plain[]) ?? [];
  for (let i = 0; i < appliances.length; i++) {
    for (const key of ['resources', 'expose', 'startAfter', 'failover', 'placement']) flow(doc, ['appliances', i, key]);
  }
  const connections = (plain.connections as unknown[]) ?? [];
  for (let i = 0; i < connections.length; i++) flow(doc, ['connections', i]);
  for (const key of Object.keys((plain.visual as Plain) ?? {})) flow(doc, ['visual', key]);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

export function stringifyManifest(manifest: ManifestInput, format: 'yaml' | 'json' = 'yaml'): string {
  const plain = canonicalManifest(manifest);
  return format === 'json' ? `${JSON.stringify(plain, null, 2)}\n` : toYaml(plain);
}
