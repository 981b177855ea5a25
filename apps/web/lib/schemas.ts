// Request bodies of the REST API (docs/contracts.md).
import { z } from 'zod';

/** YAML/JSON text or an object; the manifest validator judges the content. */
export const manifestField = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'manifest must be YAML/JSON text or an object',
});

export const manifestBody = z.object({ manifest: manifestField });
export const updateBody = z.object({ manifest: manifestField, baseRevision: z.number().int().nonnegative() });
export const revisionBody = z.object({ revision: z.number().int().positive().optional() });
export const applianceBody = z.object({ appliance: z.string().min(1).max(64).optional() });
export const destroyBody = z.object({ purge: z.boolean().optional() });
