// Operations (deploy, stop, snapshot, ...), their steps and logs, and what they work on:
// snapshots, schedules and entries.
import { z } from 'zod';
import { text, when } from '../common';

export const stepSchema = z.looseObject({
  key: text,
  title: text,
  status: text,
  error: z.unknown().optional(),
});
export type OperationStep = z.infer<typeof stepSchema>;

/** A failed operation in plain words: the cause, the next step, the appliance hit; Docker's text is `details`. */
export const operationFailureSchema = z.looseObject({
  /** port_taken, image_missing, out_of_memory, limits, disk_full, network_pool, node_down, volume_in_use, name_conflict, health_timeout, health_failed, crashed, docker_unavailable, invalid_manifest, aborted or unknown. */
  class: text,
  message: text,
  fix: text,
  appliance: z.string().nullish(),
  details: text,
  /** The revision Retry deploys again (deploys only). */
  retryRevision: z.number().nullish(),
  /** The revision the last successful deploy applied, when not this one: Roll back deploys it. */
  rollbackRevision: z.number().nullish(),
});
export type OperationFailure = z.infer<typeof operationFailureSchema>;

export const operationSchema = z.looseObject({
  id: text,
  kind: text.default('operation'),
  status: text.default('queued'),
  progress: z.number().nullish(),
  error: z.unknown().optional(),
  /** Set on a failed operation (GET /operations/{id}, the VDC's operations and events). */
  failure: operationFailureSchema.nullish(),
  steps: z.array(stepSchema).nullish(),
  createdAt: when,
  startedAt: when,
  finishedAt: when,
  /** What it produced (a snapshot's number, a clone's VDC and first deploy). */
  result: z.record(z.string(), z.unknown()).nullish(),
});
export type Operation = z.infer<typeof operationSchema>;

export const logLineSchema = z.looseObject({ seq: z.number(), at: when, message: text });
export type LogLine = z.infer<typeof logLineSchema>;

export const operationAnswerSchema = z.looseObject({
  operation: operationSchema,
  logs: z.array(logLineSchema).default([]),
});
export type OperationAnswer = z.infer<typeof operationAnswerSchema>;
export const operationsSchema = z.looseObject({ operations: z.array(operationSchema) });
export const operationStartedSchema = z.looseObject({ operation: operationSchema });

export const operationQuery = z.object({
  /** Only the log lines after this sequence number. */
  logsAfter: z.coerce.number().int().min(0).optional(),
});

// Snapshots

export const snapshotSchema = z.looseObject({
  number: z.number(),
  note: z.string().nullish(),
  status: text,
  revision: z.number().nullish(),
  method: z.string().nullish(),
  sizeBytes: z.number().default(0),
  pauseMs: z.number().nullish(),
  durationMs: z.number().nullish(),
  volumes: z.array(z.looseObject({ appliance: text, volume: text, bytes: z.number() })).default([]),
  createdAt: when,
  finishedAt: when,
});
export type Snapshot = z.infer<typeof snapshotSchema>;
export const snapshotsSchema = z.looseObject({ snapshots: z.array(snapshotSchema) });
export const snapshotAnswerSchema = z.looseObject({ snapshot: snapshotSchema });

export const snapshotBody = z.object({ note: z.string().max(500).optional() });

// Schedules

const keepField = z
  .number({ error: 'must be a whole number of snapshots to keep' })
  .int('must be a whole number of snapshots to keep')
  .min(1, 'must be at least 1')
  .max(1000, 'must be at most 1000');
const cronField = z.string({ error: 'must be a cron expression such as "0 3 * * *"' }).max(200, 'must be at most 200 characters');

/** `POST /vdcs/{name}/schedules` (cron in UTC; `keep` for snapshot schedules only). Control checks the cron. */
export const scheduleCreateBody = z
  .object({
    kind: z.enum(['snapshot', 'stop', 'start'], { error: 'must be snapshot, stop or start' }),
    cron: cronField,
    keep: keepField.optional(),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();
export const scheduleUpdateBody = z
  .object({ cron: cronField.optional(), keep: keepField.optional(), enabled: z.boolean({ error: 'must be true or false' }).optional() })
  .strict();

export const scheduleSchema = z.looseObject({
  id: text,
  vdc: text,
  kind: text,
  cron: text,
  timezone: text.default('UTC'),
  keep: z.number().nullish(),
  enabled: z.boolean(),
  nextRunAt: when,
  lastRunAt: when,
  lastResult: z.string().nullish(),
  lastOperation: z.looseObject({ id: text, status: text, error: z.string().nullish() }).nullish(),
});
export type Schedule = z.infer<typeof scheduleSchema>;
export const schedulesSchema = z.looseObject({ schedules: z.array(scheduleSchema) });
export const scheduleAnswerSchema = z.looseObject({ schedule: scheduleSchema });

// Entries

export const entryCreateBody = z
  .object({
    name: z.string().regex(/^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, 'must be lowercase letters, digits and "-", starting with a letter, at most 32 characters'),
    port: z.number().int().min(1024, 'must be 1024–65535').max(65535, 'must be 1024–65535'),
    vdc: z.string().min(1, 'is required'),
    target: z.string().optional(),
    /** Start on first request: while the VDC is stopped, hold connections and start it. */
    wake: z.boolean().optional(),
  })
  .strict();

/** `wake` given on a switch turns start-on-first-request on or off; left out, it stays as it is. */
export const entrySwitchBody = z.object({ vdc: z.string().min(1, 'is required'), target: z.string().optional(), wake: z.boolean().optional() }).strict();

export const entrySchema = z.looseObject({
  name: text,
  hostPort: z.number(),
  address: text,
  vdc: text,
  appliance: text,
  terminal: text,
  previousVdc: z.string().nullish(),
  state: text,
  /** Start on first request (absent from a server that predates it). */
  wake: z.boolean().optional(),
  switchedAt: when,
  createdAt: when,
});
export type Entry = z.infer<typeof entrySchema>;
export const entriesSchema = z.looseObject({ entries: z.array(entrySchema) });
export const entryAnswerSchema = z.looseObject({ entry: entrySchema });
export const entryStartedSchema = z.looseObject({ entry: entrySchema, operation: operationSchema });
