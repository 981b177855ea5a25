// The v1 manifest: the text form of a VDC (docs/contracts.md). This file owns its shape only;
// whether names, classes and wires make sense together is validate-manifest.ts's job.
import { z } from 'zod';
import { closestMatch } from './closest-match';
import { dnsLabel, MEMORY_PATTERN } from './class-schema';
import { failoverShape } from './failover';
import { forbiddenKeyMessage } from './forbidden-keys';
import { nodeSelectorSchema, placementShape } from './placement';

/** The message for a key the schema does not know, with the refusal reason for power keys. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const refusal = forbiddenKeyMessage(key);
  if (refusal !== undefined) return refusal;
  const near = closestMatch(key, allowed);
  return near === undefined ? `unknown key "${key}"` : `unknown key "${key}" (did you mean "${near}"?)`;
}

/** An object that rejects unknown keys, explaining each one (power keys get their reason). */
function strictObject<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => unknownKeyMessage(key, allowed)).join('; ') : undefined,
  });
}

export const CLASS_REF = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?(@[1-9][0-9]{0,8})?$/;
export const ENDPOINT = /^([a-z]([a-z0-9-]{0,30}[a-z0-9])?)\.([a-z]([a-z0-9-]{0,30}[a-z0-9])?)$/;

const memoryValue = z.union(
  [z.number().int().positive(), z.string().regex(MEMORY_PATTERN)],
  { error: 'must be a number of bytes or a size like "256Mi" or "1Gi"' },
);

export const propertyValueSchema = z.union([z.string().max(65536), z.number(), z.boolean()], {
  error: 'must be a string, a number or true/false',
});

/**
 * Exactly what `propertyValueSchema` accepts (zod's number is finite), without a parse: the model
 * asks this of every property, and a 1 MiB manifest can hold a hundred thousand of them.
 */
export function isPropertyValue(value: unknown): value is ManifestPropertyValue {
  if (typeof value === 'string') return value.length <= 65536;
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'boolean';
}

export const resourcesShape = {
  cpu: z.number().positive().max(1024).optional(),
  memory: memoryValue.optional(),
};
export const resourcesSchema = strictObject(resourcesShape);

export const exposeShape = {
  terminal: dnsLabel,
  port: z.number().int().min(1).max(65535),
  /** On a swarm: the node(s) whose address publishes the port (placement.ts); the manager otherwise. */
  node: nodeSelectorSchema.optional(),
};
export const exposeSchema = strictObject(exposeShape);

export const failoverSchema = strictObject(failoverShape);
export const placementSchema = strictObject(placementShape);

export const applianceShape = {
  name: dnsLabel,
  class: z.string().regex(CLASS_REF, 'must be a class id from the catalog, optionally pinned as id@version'),
  replicas: z.number().int().min(0).max(1000).optional(),
  resources: resourcesSchema.optional(),
  properties: z.record(z.string().min(1).max(200), propertyValueSchema).optional(),
  expose: z.array(exposeSchema).max(100).optional(),
  standby: z.boolean().optional(),
  startAfter: z.array(dnsLabel).max(1000).optional(),
  /** How many failures in what window stop the appliance instead of restarting it (failover.ts). */
  failover: failoverSchema.optional(),
  /** On a swarm: failover group and node (placement.ts); ignored on a single host. */
  placement: placementSchema.optional(),
};
export const applianceSchema = strictObject(applianceShape);

const endpoint = z
  .string()
  .regex(ENDPOINT, 'must be "appliance.terminal", e.g. "web.db" (both parts DNS labels)');

export const connectionShape = { from: endpoint, to: endpoint };
export const connectionSchema = strictObject(connectionShape);

export const positionShape = { x: z.number(), y: z.number() };
export const positionSchema = strictObject(positionShape);

export const manifestShape = {
  apiVersion: z.literal('colo/v1', { error: 'must be "colo/v1"' }),
  kind: z.literal('VDC', { error: 'must be "VDC"' }),
  name: dnsLabel,
  description: z.string().max(2000).optional(),
  appliances: z.array(applianceSchema).max(1000).default([]),
  connections: z.array(connectionSchema).max(10000).default([]),
  visual: z.record(z.string().max(200), positionSchema).optional(),
};
export const manifestSchema = strictObject(manifestShape);

/** A manifest as written (every optional key may be missing). */
export type ManifestInput = z.input<typeof manifestSchema>;
/** A manifest after the schema: `appliances` and `connections` are always arrays. */
export type Manifest = z.output<typeof manifestSchema>;
export type Appliance = z.output<typeof applianceSchema>;
export type Connection = z.output<typeof connectionSchema>;
export type Expose = z.output<typeof exposeSchema>;
export type Failover = z.output<typeof failoverSchema>;
export type Placement = z.output<typeof placementSchema>;
export type Position = z.output<typeof positionSchema>;
export type ManifestPropertyValue = z.output<typeof propertyValueSchema>;

/** Key order of each object, as docs/contracts.md writes them; stringify keeps it. */
export const KEY_ORDER = {
  manifest: Object.keys(manifestShape),
  appliance: Object.keys(applianceShape),
  resources: Object.keys(resourcesShape),
  expose: Object.keys(exposeShape),
  failover: Object.keys(failoverShape),
  placement: Object.keys(placementShape),
  connection: Object.keys(connectionShape),
  position: Object.keys(positionShape),
} as const;
