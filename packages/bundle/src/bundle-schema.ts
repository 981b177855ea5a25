// The `.colo.yaml` bundle: a manifest and the class versions it runs, with a format version and a
// checksum. Classes are listed by reference, never carried: a committed class version is an image
// of the exporting Colo, which a text file cannot hold.
import { z } from 'zod';

/**
 * The newest bundle format this Colo reads. A bundle is written as format 1 unless it carries
 * assemblies (format 2), so bundles without them stay readable by Colos that know only format 1.
 */
export const BUNDLE_FORMAT = 2;
export const FORMAT_WITH_ASSEMBLIES = 2;

export const bundleClassSchema = z.strictObject({
  /** The class reference as the manifest writes it: `id` or `id@version`. */
  ref: z.string().min(1).max(128),
  id: z.string().min(1).max(64),
  version: z.number().int().min(1),
  /** `stock`: a templates/ version every Colo has; `committed`: patched on the exporting Colo. */
  origin: z.enum(['stock', 'committed']),
});

export const bundleSchema = z.strictObject({
  apiVersion: z.literal('colo/v1'),
  kind: z.literal('Bundle'),
  format: z.number().int().min(1),
  exportedAt: z.string().min(1).max(64),
  from: z.strictObject({ vdc: z.string().min(1).max(128), revision: z.number().int().min(1) }),
  /** Checked by the one manifest validator, not here. */
  manifest: z.record(z.string(), z.unknown()),
  classes: z.array(bundleClassSchema).max(1000),
  /**
   * Format 2: every assembly version the manifest places (and those they contain), as definitions;
   * each is checked by @colo/manifest's assembly validator, not here.
   */
  assemblies: z.array(z.record(z.string(), z.unknown())).max(200).optional(),
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits'),
});

export type BundleClass = z.infer<typeof bundleClassSchema>;
export type Bundle = z.infer<typeof bundleSchema>;
