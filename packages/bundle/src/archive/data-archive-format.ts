// The `.colo.tar` data archive: a bundle with a snapshot's data beside it, so a whole VDC moves
// to another Colo. The bundle inside is the plain `.colo.yaml`, unchanged (its format does not
// know about data); the data is a manifest of its own and one tar per instance volume:
//
//   bundle.colo.yaml                  the bundle, as `colo export` writes it
//   data.json                         BundleData: the snapshot, and per volume its file, size, sha256
//   volumes/<appliance>/<volume>.tar  the volume's files, entries relative to its root (`./…`)
import { type Catalog, expandAssemblies, type Manifest } from '@colo/manifest';
import { z } from 'zod';

export const ARCHIVE_BUNDLE_FILE = 'bundle.colo.yaml';
export const ARCHIVE_DATA_FILE = 'data.json';
export const DATA_FORMAT = 1;

export function volumeArchiveFile(appliance: string, volume: string): string {
  return `volumes/${appliance}/${volume}.tar`;
}

const dnsName = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a DNS label');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits');

export const bundleDataVolumeSchema = z.strictObject({
  appliance: dnsName,
  volume: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a volume name'),
  file: z.string().max(200),
  /** Bytes of the volume's tar. */
  bytes: z.number().int().min(0),
  sha256,
});

export const bundleDataSchema = z.strictObject({
  apiVersion: z.literal('colo/v1'),
  kind: z.literal('BundleData'),
  format: z.number().int().min(1),
  /** sha256 of bundle.colo.yaml as stored beside it: data is never paired with another bundle. */
  bundleSha256: sha256,
  snapshot: z.strictObject({ number: z.number().int().min(1), takenAt: z.string().max(64) }),
  volumes: z.array(bundleDataVolumeSchema).max(1000),
});

export type BundleDataVolume = z.infer<typeof bundleDataVolumeSchema>;
export type BundleData = z.infer<typeof bundleDataSchema>;

/** The instance volumes a manifest's appliances have (assemblies expanded), as `appliance/volume`. */
export function manifestInstanceVolumes(manifest: Manifest, catalog: Catalog): Set<string> {
  const expanded = expandAssemblies(manifest, catalog);
  const appliances = expanded.ok ? expanded.manifest.appliances : manifest.appliances;
  const found = new Set<string>();
  for (const a of appliances) {
    for (const v of catalog.get(a.class)?.volumes ?? []) if (v.kind === 'instance') found.add(`${a.name}/${v.name}`);
  }
  return found;
}
