// The shape of an appliance class (`templates/appliances/<id>/class.yaml`): what the catalog
// offers, and the bounds every manifest appliance of that class is checked against.
import { z } from 'zod';
import type { AssemblyDefinition } from './assembly-schema';

export const DNS_LABEL = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;
export const dnsLabel = z
  .string()
  .regex(DNS_LABEL, 'must be a DNS label: lowercase letters, digits and "-", starting with a letter, at most 32 characters');

/**
 * Protocols a terminal can speak. `any` matches every protocol; `fs` is a shared-volume mount;
 * `http-proxy` is a forward proxy (the `net` gateway): a wired client also gets HTTP(S)_PROXY.
 */
export const PROTOCOLS = ['http', 'https', 'tcp', 'pgsql', 'mysql', 'redis', 'fs', 'http-proxy', 'any'] as const;
export const protocolSchema = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof protocolSchema>;

/** Memory as a number of bytes or a string with a binary unit: `256Mi`, `1Gi`, `512Ki`. */
export const MEMORY_PATTERN = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi)?$/;
export const memorySchema = z.union([
  z.number().int().positive(),
  z.string().regex(MEMORY_PATTERN, 'must be bytes or a size like "256Mi" or "1Gi"'),
]);

export function parseMemory(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = MEMORY_PATTERN.exec(value);
  if (!m) throw new RangeError(`not a memory size: ${value}`);
  const unit = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[m[2] as 'Ki' | 'Mi' | 'Gi'] ?? 1;
  return Math.round(Number(m[1]) * unit);
}

/** `{{ properties.x }}`, `{{ secrets.x }}`, `{{ appliance.name }}`, `{{ vdc.name }}` are expanded. */
const templateString = z.string().max(4096);

const inputTerminalSchema = z
  .object({
    name: dnsLabel,
    protocol: protocolSchema,
    /** TCP port the service listens on inside the container (not for `fs`). */
    port: z.number().int().min(1).max(65535).optional(),
    /** For `fs` inputs: the instance volume this terminal shares with its clients. */
    volume: dnsLabel.optional(),
    /** Extra env a wired client receives, each key prefixed `<OUTPUT>_` (e.g. USER → DB_USER). */
    clientEnv: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), templateString).default({}),
    description: z.string().max(500).optional(),
  })
  .strict();

const outputTerminalSchema = z
  .object({
    name: dnsLabel,
    protocol: protocolSchema,
    /** A mandatory output must be wired before deploy. */
    mandatory: z.boolean().default(false),
    /** For `fs` outputs: where the server's shared volume is mounted in this appliance. */
    mountPath: z.string().startsWith('/').optional(),
    readOnly: z.boolean().default(false),
    description: z.string().max(500).optional(),
  })
  .strict();

const propertySchema = z
  .object({
    name: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'must be an identifier starting with a lowercase letter'),
    type: z.enum(['string', 'integer', 'number', 'boolean', 'enum']),
    /** What people call it (`PHP workers` for `workers`): the inspector's label and the issues' field. */
    label: z.string().min(1).max(60).optional(),
    /** The help shown under the field. */
    description: z.string().max(500).optional(),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Properties without a default must be set by the manifest. */
    required: z.boolean().default(false),
    min: z.number().optional(),
    max: z.number().optional(),
    pattern: z.string().optional(),
    /** What the pattern asks for, in words, said instead of the pattern itself ("host names, …"). */
    patternHint: z.string().max(200).optional(),
    values: z.array(z.string()).optional(),
  })
  .strict();

const volumeSchema = z
  .object({
    name: dnsLabel,
    mountPath: z.string().startsWith('/'),
    /** instance: per-appliance data, copied by snapshots and clones. class: read-only, shared. */
    kind: z.enum(['instance', 'class']).default('instance'),
    description: z.string().max(500).optional(),
  })
  .strict();

const boundsSchema = <T extends z.ZodTypeAny>(value: T) =>
  z.object({ min: value, max: value, default: value }).strict();

const durationSchema = z.string().regex(/^\d+(ms|s|m)$/, 'must be a duration like "500ms", "2s" or "1m"');

export const healthSchema = z
  .object({
    /** Run inside the container, like Docker's HEALTHCHECK CMD. */
    test: z.array(z.string()).min(1),
    interval: durationSchema.default('2s'),
    timeout: durationSchema.default('2s'),
    retries: z.number().int().min(1).max(100).default(30),
    startPeriod: durationSchema.default('0s'),
  })
  .strict();

/**
 * Capabilities a class may add back after Colo drops all of them (SPEC §5): enough for a daemon
 * that starts as root to own its files, switch to its own user and bind a low port. NET_RAW is
 * never granted: it lets a process forge packets and sniff the wires it sits on.
 */
export const ALLOWED_CAPABILITIES = ['CHOWN', 'SETUID', 'SETGID', 'DAC_OVERRIDE', 'FOWNER', 'NET_BIND_SERVICE', 'KILL'] as const;
export type Capability = (typeof ALLOWED_CAPABILITIES)[number];

/** Why a capability name may not be granted, or undefined when it may. */
export function capabilityProblem(name: string): string | undefined {
  if ((ALLOWED_CAPABILITIES as readonly string[]).includes(name)) return undefined;
  if (name === 'NET_RAW' || name === 'CAP_NET_RAW') {
    return 'NET_RAW is never granted: it lets a process forge packets and sniff the networks it sits on';
  }
  if (name.startsWith('CAP_') && (ALLOWED_CAPABILITIES as readonly string[]).includes(name.slice(4))) {
    return `write ${name.slice(4)}, without the CAP_ prefix`;
  }
  return `${name} is not a capability Colo grants; allowed: ${ALLOWED_CAPABILITIES.join(', ')}`;
}

const capabilitySchema = z.string().superRefine((name, ctx) => {
  const problem = capabilityProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A user name the image defines (`www-data`) or a numeric `uid` / `uid:gid`. */
const userSchema = z
  .string()
  .regex(/^([a-z_][a-z0-9_-]{0,31}|\d{1,10}(:\d{1,10})?)$/, 'must be a user name from the image (like "www-data") or a uid, or "uid:gid"');

export const classSchema = z
  .object({
    id: dnsLabel,
    version: z.number().int().min(1),
    title: z.string().min(1).max(80),
    description: z.string().max(1000).default(''),
    category: z.enum(['gateway', 'balancer', 'web', 'storage', 'database', 'cache', 'other']).default('other'),
    /** Short name of an icon the editor draws. */
    icon: z.string().max(40).default('box'),
    /** Image tag; defaults to `colo/<id>:<version>` (see classImage), built from the Dockerfile beside class.yaml. */
    image: z.string().optional(),
    terminals: z
      .object({
        inputs: z.array(inputTerminalSchema).default([]),
        outputs: z.array(outputTerminalSchema).default([]),
      })
      .strict()
      .default({ inputs: [], outputs: [] }),
    volumes: z.array(volumeSchema).default([]),
    properties: z.array(propertySchema).default([]),
    /** Names of secrets Colo generates per VDC and appliance, usable as `{{ secrets.NAME }}`. */
    secrets: z.array(z.string().regex(/^[a-z][a-zA-Z0-9_]*$/)).default([]),
    /** Env of the appliance itself, values may use templates. */
    env: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), templateString).default({}),
    resources: z
      .object({
        cpu: boundsSchema(z.number().positive()),
        memory: boundsSchema(memorySchema),
      })
      .strict(),
    replicas: boundsSchema(z.number().int().min(0)).default({ min: 1, max: 1, default: 1 }),
    health: healthSchema.optional(),
    /**
     * The user the container's processes run as (Docker `User`); the image must create it.
     * Unset means the image's own user, root for most: classes should name a non-root one.
     */
    user: userSchema.optional(),
    /** Added back after every capability is dropped; only from ALLOWED_CAPABILITIES. */
    capabilities: z.array(capabilitySchema).max(ALLOWED_CAPABILITIES.length).default([]),
    /**
     * `read-only`: the image's files cannot change; `/run` and `/tmp` are small tmpfs mounts and
     * instance volumes stay writable. `writable` only for a class that truly must write elsewhere.
     */
    rootfs: z.enum(['read-only', 'writable']).default('read-only'),
    /**
     * Its containers also join a network that is not internal, so it can reach the outside.
     * Only the stock `net` gateway may say so (the catalog refuses it on any other class).
     */
    egress: z.boolean().default(false),
  })
  .strict();

export type ClassInput = z.input<typeof classSchema>;
export type ApplianceClass = z.infer<typeof classSchema>;
export type InputTerminal = ApplianceClass['terminals']['inputs'][number];
export type OutputTerminal = ApplianceClass['terminals']['outputs'][number];
export type ClassProperty = ApplianceClass['properties'][number];

/** The catalog as the validator sees it: classes by id (latest version) and by `id@version`. */
export interface Catalog {
  /** Returns the class for `id` or `id@version`, or undefined. */
  get(ref: string): ApplianceClass | undefined;
  list(): ApplianceClass[];
  /**
   * The assembly `ref` names (`id` or `id@version`), when it names one rather than a class; `get`
   * gives its box class. Absent on catalogs without assemblies.
   */
  assembly?(ref: string): AssemblyDefinition | undefined;
}

/** The repository prefix of built class images unless configured (COLO_IMAGE_NAMESPACE). */
export const DEFAULT_IMAGE_NAMESPACE = 'colo';

/**
 * The image a class runs: its prebuilt `image`, else `<namespace>/<id>:<version>`. The namespace
 * comes from the caller's configuration (this package reads no environment), so two checkouts
 * with different templates can build and test side by side on one engine.
 */
export function classImage(cls: ApplianceClass, namespace: string = DEFAULT_IMAGE_NAMESPACE): string {
  return cls.image ?? `${namespace}/${cls.id}:${cls.version}`;
}
