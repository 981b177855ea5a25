// The answers of the REST API (docs/contracts.md) as the CLI reads them. Objects are loose and
// optional fields forgiving: a server that adds a field must not break an older CLI, but one
// that drops a field the CLI needs gets a clear "unexpected answer" instead of a crash.
import { z } from 'zod';

const text = z.string();
const when = z.string().nullish();

export const issueSchema = z.looseObject({
  path: z.string().default(''),
  message: text,
  severity: z.enum(['error', 'warning']).optional(),
});
export type ApiIssue = z.infer<typeof issueSchema>;

export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.string().default('error'),
    message: text,
    issues: z.array(issueSchema).optional(),
  }),
});

const quotaAmounts = z.looseObject({
  appliances: z.number(),
  containers: z.number(),
  cpu: z.number(),
  memory: z.number(),
  hostPorts: z.number(),
});
const quotaOverrides = z.looseObject({
  appliances: z.number().nullable(),
  containers: z.number().nullable(),
  cpu: z.number().nullable(),
  memory: z.number().nullable(),
  hostPorts: z.number().nullable(),
});
const userRef = z.looseObject({ id: z.string(), email: z.string().nullish(), name: z.string().nullish(), role: z.string().nullish() });

export const meSchema = z.looseObject({
  user: userRef,
  /** Servers before quotas answer without it. */
  quota: z.looseObject({ limits: quotaAmounts, usage: quotaAmounts }).optional(),
});

export const userQuotaSchema = z.looseObject({
  user: userRef,
  quota: z.looseObject({ limits: quotaAmounts, usage: quotaAmounts, overrides: quotaOverrides }),
});
type QuotaKey = 'appliances' | 'containers' | 'cpu' | 'memory' | 'hostPorts';
export type QuotaAmounts = Pick<z.infer<typeof quotaAmounts>, QuotaKey>;
export type QuotaOverrides = Pick<z.infer<typeof quotaOverrides>, QuotaKey>;

export const stepSchema = z.looseObject({
  key: text,
  title: text,
  status: text,
  error: z.unknown().optional(),
});
export type OperationStep = z.infer<typeof stepSchema>;

export const operationSchema = z.looseObject({
  id: text,
  kind: text.default('operation'),
  status: text.default('queued'),
  progress: z.number().nullish(),
  error: z.unknown().optional(),
  steps: z.array(stepSchema).nullish(),
  createdAt: when,
  startedAt: when,
  finishedAt: when,
  /** What it produced (a snapshot's number, a clone's VDC and first deploy). */
  result: z.record(z.string(), z.unknown()).nullish(),
});
export type Operation = z.infer<typeof operationSchema>;

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
});
export type Snapshot = z.infer<typeof snapshotSchema>;
export const snapshotsSchema = z.looseObject({ snapshots: z.array(snapshotSchema) });

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

export const logLineSchema = z.looseObject({ seq: z.number(), at: when, message: text });
export type LogLine = z.infer<typeof logLineSchema>;

export const operationAnswerSchema = z.looseObject({
  operation: operationSchema,
  logs: z.array(logLineSchema).default([]),
});
export type OperationAnswer = z.infer<typeof operationAnswerSchema>;

export const operationsSchema = z.looseObject({ operations: z.array(operationSchema) });

/** A revision is an object with a number; a bare number is accepted too. */
const revisionRef = z.union([z.number(), z.looseObject({ number: z.number() })]).nullish();

export const vdcRefSchema = z.looseObject({ id: z.string().optional(), name: text, state: z.string().nullish() });

export const vdcListSchema = z.looseObject({
  vdcs: z.array(
    z.looseObject({
      id: z.string().optional(),
      name: text,
      state: z.string().nullish(),
      revision: revisionRef,
      applianceCount: z.number().nullish(),
      lastOperation: z
        .looseObject({
          id: z.string().optional(),
          kind: z.string().nullish(),
          status: z.string().nullish(),
          createdAt: when,
          finishedAt: when,
        })
        .nullish(),
    }),
  ),
});

export const vdcAnswerSchema = z.looseObject({
  vdc: vdcRefSchema,
  revision: z.looseObject({ id: z.string().optional(), number: z.number(), manifest: z.unknown().optional(), createdAt: when }),
});

export const revisionsSchema = z.looseObject({ revisions: z.array(z.looseObject({ number: z.number(), createdAt: when })) });

export const vdcSavedSchema = z.looseObject({
  vdc: vdcRefSchema,
  revision: revisionRef,
  changed: z.boolean().optional(),
});

export const operationStartedSchema = z.looseObject({ operation: operationSchema });

const reportLineSchema = z.looseObject({
  service: z.string().default(''),
  key: z.string().default(''),
  severity: text,
  message: text,
});
export type ReportLineAnswer = z.infer<typeof reportLineSchema>;

export const composeImportedSchema = z.looseObject({
  vdc: vdcRefSchema,
  revision: revisionRef,
  report: z.array(reportLineSchema).default([]),
  warnings: z.array(issueSchema).default([]),
});

export const composeExportSchema = z.looseObject({
  text: z.string(),
  env: z.string().default(''),
  revision: z.number().optional(),
  report: z.array(reportLineSchema).default([]),
});

export const composeDryRunSchema = z.looseObject({
  manifest: z.record(z.string(), z.unknown()),
  report: z.array(reportLineSchema).default([]),
  errors: z.array(issueSchema).default([]),
  warnings: z.array(issueSchema).default([]),
});

export const validationSchema = z.looseObject({
  ok: z.boolean(),
  errors: z.array(issueSchema).default([]),
  warnings: z.array(issueSchema).default([]),
});

export const planAnswerSchema = z.looseObject({
  vdc: z.string().optional(),
  exists: z.boolean().optional(),
  plan: z.unknown(),
  text: z.string().default(''),
});

const portSchema = z.looseObject({ terminal: text, host: z.string().nullish(), port: z.number() });

export const statusSchema = z.looseObject({
  vdc: z.union([vdcRefSchema, z.string()]),
  appliances: z.array(
    z.looseObject({
      name: text,
      class: z.string().nullish(),
      replicas: z.looseObject({ desired: z.number(), running: z.number() }),
      state: z.string().nullish(),
      /** Why it is not right, e.g. "failed 3 times in 24h (last: out of memory)". */
      problem: z.string().nullish(),
      containers: z
        .array(
          z.looseObject({
            id: z.string().optional(),
            name: z.string().optional(),
            replica: z.number().optional(),
            state: z.string().nullish(),
            health: z.string().nullish(),
            ports: z.array(portSchema).default([]),
          }),
        )
        .default([]),
    }),
  ),
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

const terminalSchema = z.looseObject({ name: text, protocol: z.string().optional() });

export const catalogSchema = z.looseObject({
  classes: z.array(
    z.looseObject({
      id: text,
      version: z.union([z.number(), z.string()]),
      title: z.string().default(''),
      terminals: z
        .looseObject({ inputs: z.array(terminalSchema).default([]), outputs: z.array(terminalSchema).default([]) })
        .default({ inputs: [], outputs: [] }),
    }),
  ),
  assemblies: z
    .array(z.looseObject({ id: text, title: z.string().default(''), description: z.string().nullish() }))
    .default([]),
});

export function revisionNumber(revision: z.infer<typeof revisionRef>): number | undefined {
  if (revision == null) return undefined;
  return typeof revision === 'number' ? revision : revision.number;
}

export const bundleImportedSchema = z.looseObject({
  vdc: vdcRefSchema,
  revision: revisionRef,
  report: z.array(z.string()).default([]),
  warnings: z.array(issueSchema).default([]),
});

export const bundleExportSchema = z.looseObject({
  text: z.string(),
  bundle: z.looseObject({ from: z.looseObject({ vdc: z.string(), revision: z.number() }) }),
});

export const bundleDryRunSchema = z.looseObject({
  manifest: z.record(z.string(), z.unknown()),
  report: z.array(z.string()).default([]),
  errors: z.array(issueSchema).default([]),
  warnings: z.array(issueSchema).default([]),
});
