// Request bodies of the REST API (docs/contracts.md).
import { ColoError } from '@colo/control';
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
export const snapshotBody = z.object({ note: z.string().max(500).optional() });
export const cloneBody = z.object({
  name: z.string().min(1).max(64),
  snapshot: z.number().int().positive().optional(),
  /** Source host port → the clone's; the rest are picked free. */
  ports: z.record(z.string(), z.number().int()).optional(),
});

/** A positive whole number from the URL (`what` names it in the refusal). */
function positiveNumber(raw: string, what: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new ColoError('bad_request', `${what} "${raw}" must be a positive whole number`);
  return Number(raw);
}

/** A snapshot number from the URL. */
export function snapshotNumber(raw: string): number {
  return positiveNumber(raw, 'snapshot number');
}

/** A revision number from the query (`?revision=N`). */
export function revisionParam(raw: string): number {
  return positiveNumber(raw, 'revision');
}

/** A class version number from the URL. */
export function classVersionParam(raw: string): number {
  return positiveNumber(raw, 'class version');
}

/** `POST /compose/import`: the compose file's text; the importer judges its content. */
export const composeImportBody = z.object({
  name: z.string().min(1).max(64),
  compose: z.string({ error: 'compose must be the docker-compose.yml text' }),
  dryRun: z.boolean().optional(),
});

/** `POST /bundles/import`: the `.colo.yaml` text; the bundle importer judges its content. */
export const bundleImportBody = z.object({
  bundle: z.string({ error: 'bundle must be the .colo.yaml text' }),
  name: z.string().min(1).max(64).optional(),
  dryRun: z.boolean().optional(),
});
