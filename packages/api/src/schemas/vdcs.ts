// VDCs: their manifests and revisions, what runs (status, appliances, logs), plans and
// verdicts, and the files they go out and come in as (docker-compose.yml, .colo.yaml bundles).
import { z } from 'zod';
import { flagText, issueSchema, manifestField, nameField, positiveNumberText, text, when } from '../common';

/** The team a new VDC goes to (its slug); the caller's personal team unless told. */
const teamField = z.string().min(1).max(40).optional().describe('the slug of the team to own it; your personal team unless told');
export const manifestBody = z.object({ manifest: manifestField, team: teamField });
/** How the caller's role and the team show on a VDC. */
const vdcTeamSchema = z.looseObject({ slug: z.string(), name: z.string().nullish(), personal: z.boolean().nullish(), role: z.string() });
export const updateBody = z.object({
  manifest: manifestField,
  baseRevision: z.number().int().nonnegative(),
  /** Save even with problems (a draft revision: deploying it is refused until they are fixed). */
  draft: z.boolean().optional(),
});
export const renameBody = z.object({ name: nameField });
export const revisionBody = z.object({ revision: z.number().int().positive().optional() });
export const applianceBody = z.object({ appliance: z.string().min(1).max(64).optional() });
export const destroyBody = z.object({ purge: z.boolean().optional() });
export const cloneBody = z.object({
  name: nameField,
  snapshot: z.number().int().positive().optional(),
  /** Source host port → the clone's; the rest are picked free. */
  ports: z.record(z.string(), z.number().int()).optional(),
});

/**
 * `POST /vdcs/{name}/move`: a stateful appliance of a swarm VDC, or (no `appliance`) every one of
 * them, onto another node. Strict: a misspelt `node` must not silently become "any node", nor a
 * misspelt `appliance` the whole VDC.
 */
export const moveBody = z
  .object({
    appliance: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('the appliance whose data moves (pinned to a node by its instance volumes); absent: the whole VDC, every appliance that keeps data on a node, in one operation'),
    node: z.string().min(1).max(253).optional().describe('the target node (hostname or id); absent: the ready, active node with the least load'),
    snapshot: z.number().int().positive().optional().describe("restore this snapshot's data onto the target; absent: a live copy while its node answers, else the newest ready snapshot"),
  })
  .strict();

export const vdcQuery = z.object({ revision: positiveNumberText.optional() });

/** A revision is an object with a number; a bare number is accepted too. */
export const revisionRef = z.union([z.number(), z.looseObject({ number: z.number() })]).nullish();
export function revisionNumber(revision: z.infer<typeof revisionRef>): number | undefined {
  if (revision == null) return undefined;
  return typeof revision === 'number' ? revision : revision.number;
}

export const vdcRefSchema = z.looseObject({ id: z.string().optional(), name: text, state: z.string().nullish(), team: vdcTeamSchema.optional() });
export type VdcRef = z.infer<typeof vdcRefSchema>;

export const vdcListSchema = z.looseObject({
  vdcs: z.array(
    z.looseObject({
      id: z.string().optional(),
      name: text,
      state: z.string().nullish(),
      revision: revisionRef,
      applianceCount: z.number().nullish(),
      /** The latest revision's description; servers before issue 11 answer without it. */
      description: z.string().nullish(),
      /** When it last changed (a save, a rename, a state change). */
      updatedAt: when,
      /** Servers before teams answer without it. */
      team: vdcTeamSchema.optional(),
      lastOperation: z
        .looseObject({
          id: z.string().optional(),
          kind: z.string().nullish(),
          status: z.string().nullish(),
          progress: z.number().nullish(),
          createdAt: when,
          finishedAt: when,
        })
        .nullish(),
    }),
  ),
});
export type VdcList = z.infer<typeof vdcListSchema>;

export const vdcAnswerSchema = z.looseObject({
  vdc: vdcRefSchema,
  revision: z.looseObject({ id: z.string().optional(), number: z.number(), manifest: z.unknown().optional(), createdAt: when }),
});
export type VdcAnswer = z.infer<typeof vdcAnswerSchema>;

export const vdcRenamedSchema = z.looseObject({ vdc: vdcRefSchema });

export const revisionsSchema = z.looseObject({ revisions: z.array(z.looseObject({ number: z.number(), createdAt: when })) });

export const vdcSavedSchema = z.looseObject({
  vdc: vdcRefSchema,
  revision: revisionRef,
  changed: z.boolean().optional(),
  warnings: z.array(issueSchema).optional(),
  /** A draft save's errors: the revision is kept, a deploy of it is refused until they are fixed. */
  problems: z.array(issueSchema).optional(),
});
export type VdcSaved = z.infer<typeof vdcSavedSchema>;

/** `GET /ports`: for the team a VDC would be made in, the `near` ports checked (comma-separated). */
export const portsQuery = z.object({
  team: z.string().min(1).max(40).optional(),
  near: z
    .string()
    .regex(/^\d{1,5}(,\d{1,5}){0,19}$/, 'is at most 20 port numbers separated by commas')
    .optional(),
});
export const portsAnswerSchema = z.looseObject({
  /** Ports other VDCs, entries and Colo itself hold, each with who holds it (another team's: unnamed). */
  taken: z.array(z.looseObject({ port: z.number(), holder: text })),
  near: z.array(z.looseObject({ port: z.number(), free: z.number().nullish(), problem: z.string().nullish() })),
});

export const validationSchema = z.looseObject({
  ok: z.boolean(),
  errors: z.array(issueSchema).default([]),
  warnings: z.array(issueSchema).default([]),
});
export type Validation = z.infer<typeof validationSchema>;

export const planAnswerSchema = z.looseObject({
  vdc: z.string().optional(),
  exists: z.boolean().optional(),
  plan: z.unknown(),
  text: z.string().default(''),
});

// What runs

const portSchema = z.looseObject({ terminal: text, host: z.string().nullish(), port: z.number() });
const containerSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  replica: z.number().optional(),
  state: z.string().nullish(),
  health: z.string().nullish(),
  ports: z.array(portSchema).default([]),
  /** On a swarm: the node (hostname) this replica runs on. */
  node: z.string().optional(),
  /** What Docker shows is wrong with it now: "out of memory", "health check failing: …". */
  problem: z.string().nullish(),
});
export type ContainerStatus = z.infer<typeof containerSchema>;
const applianceStatusSchema = z.looseObject({
  name: text,
  /** The assembly box (top-level appliance of the manifest) this appliance was expanded from. */
  assembly: z.string().optional(),
  class: z.string().nullish(),
  replicas: z.looseObject({ desired: z.number(), running: z.number() }),
  state: z.string().nullish(),
  /** Why it is not right, e.g. "failed 3 times in 24h (last: out of memory)". */
  problem: z.string().nullish(),
  containers: z.array(containerSchema).default([]),
  /** Set while the flap guard holds it stopped; a deploy or start clears it. */
  flagged: z.looseObject({ reason: text, at: when }).nullish(),
  /**
   * On a swarm, an appliance pinned to a node by its data: that node, and whether it is lost
   * (down, drained, or gone from the swarm), with why as said after "which is": `down`, `drained`.
   */
  data: z.looseObject({ nodeId: z.string(), hostname: z.string(), lost: z.boolean(), reason: z.string().optional() }).optional(),
});
export type ApplianceStatus = z.infer<typeof applianceStatusSchema>;

export const statusSchema = z.looseObject({
  vdc: z.union([vdcRefSchema, z.string()]),
  appliances: z.array(applianceStatusSchema),
  edge: z
    .array(
      z.looseObject({
        host: z.string().nullish(),
        port: z.number(),
        target: z.string().default(''),
        listener: z.looseObject({ name: z.string().optional(), state: z.string().nullish(), health: z.string().nullish() }),
        backends: z.looseObject({ up: z.number(), total: z.number() }).nullish(),
      }),
    )
    .default([]),
});
export type VdcStatus = z.infer<typeof statusSchema>;

export const applianceDetailSchema = z.looseObject({
  vdc: vdcRefSchema,
  appliance: applianceStatusSchema.extend({
    containers: z.array(
      containerSchema.extend({
        image: z.string().default(''),
        restarts: z.number().default(0),
        exitCode: z.number().nullish(),
        lastHealthOutput: z.string().nullish(),
      }),
    ),
  }),
});
export type ApplianceDetail = z.infer<typeof applianceDetailSchema>;

export const applianceLogsQuery = z.object({
  /** Lines per container from the end (at most 5000). */
  tail: z.coerce.number().int().min(0).max(5000).default(200),
  /** `1`: a live stream of Server-Sent Events instead of one answer. */
  follow: flagText.default('0'),
});
export const applianceLogsSchema = z.looseObject({ lines: z.array(z.looseObject({ container: text, line: text })) });

// Files in and out

const reportLineSchema = z.looseObject({
  service: z.string().default(''),
  key: z.string().default(''),
  severity: text,
  message: text,
});
export type ReportLineAnswer = z.infer<typeof reportLineSchema>;

/** `POST /compose/import`: the compose file's text; the importer judges its content. */
export const composeImportBody = z.object({
  name: nameField,
  compose: z.string({ error: 'compose must be the docker-compose.yml text' }),
  dryRun: z.boolean().optional(),
  team: teamField,
});

export const composeImportedSchema = z.looseObject({
  vdc: vdcRefSchema,
  revision: revisionRef,
  report: z.array(reportLineSchema).default([]),
  warnings: z.array(issueSchema).default([]),
});

export const composeDryRunSchema = z.looseObject({
  manifest: z.record(z.string(), z.unknown()),
  report: z.array(reportLineSchema).default([]),
  errors: z.array(issueSchema).default([]),
  warnings: z.array(issueSchema).default([]),
});

export const composeExportQuery = z.object({
  format: z.enum(['yaml', 'json']).default('yaml'),
  revision: z.coerce.number().int().min(1).optional(),
  /** `1` puts the VDC's own secret values in `env` (never in the file); needs a deploy token. */
  secrets: flagText.default('0'),
});

export const composeExportSchema = z.looseObject({
  text: z.string(),
  env: z.string().default(''),
  revision: z.number().optional(),
  report: z.array(reportLineSchema).default([]),
});

/** `POST /bundles/import`: the `.colo.yaml` text; the bundle importer judges its content. */
export const bundleImportBody = z.object({
  bundle: z.string({ error: 'bundle must be the .colo.yaml text' }),
  name: nameField.optional(),
  dryRun: z.boolean().optional(),
  team: teamField,
});

/** `POST /bundles/import` with a `.colo.tar` as the body (application/x-tar): its options. */
export const bundleArchiveQuery = z.object({
  name: z.string().min(1).max(63).optional(),
  dryRun: flagText.optional(),
  team: teamField,
});

/** The volumes a `.colo.tar` carries (absent for a `.colo.yaml`). */
const archiveVolumes = z.array(z.looseObject({ appliance: text, volume: text, bytes: z.number().optional() })).optional();

export const bundleImportedSchema = z.looseObject({
  vdc: vdcRefSchema,
  revision: revisionRef,
  report: z.array(z.string()).default([]),
  warnings: z.array(issueSchema).default([]),
  volumes: archiveVolumes,
});

export const bundleDryRunSchema = z.looseObject({
  manifest: z.record(z.string(), z.unknown()),
  report: z.array(z.string()).default([]),
  errors: z.array(issueSchema).default([]),
  warnings: z.array(issueSchema).default([]),
  volumes: archiveVolumes,
});

export const bundleExportQuery = z.object({
  format: z.enum(['yaml', 'json']).default('yaml'),
  revision: z.coerce.number().int().min(1).optional(),
});

/** `?withData=1[&snapshot=N]`: the `.colo.tar` with a snapshot's data (the newest when not named). */
export const bundleDataQuery = z.object({
  withData: flagText.optional(),
  snapshot: z.coerce.number().int().min(1).optional(),
});

export const bundleExportSchema = z.looseObject({
  text: z.string(),
  bundle: z.looseObject({ from: z.looseObject({ vdc: z.string(), revision: z.number() }) }),
});
