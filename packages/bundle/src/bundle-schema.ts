// The `.colo.yaml` bundle: a manifest and the class versions it runs, with a format version and a
// checksum. Classes are listed by reference, never carried: a committed class version is an image
// of the exporting Colo, which a text file cannot hold.
import { z } from 'zod';

/** The bundle format this Colo writes and reads. */
export const BUNDLE_FORMAT = 1;

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
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits'),
});

export type BundleClass = z.infer<typeof bundleClassSchema>;
export type Bundle = z.infer<typeof bundleSchema>;
