// The class-version routes of the REST API (`/api/v1/classes`, docs/contracts.md) as `colo class`
// reads them: their answers' shapes and one call per route, over ColoClient's transport.
import { z } from 'zod';
import type { ColoClient } from './api-client';

const version = z.number();

export const classListSchema = z.looseObject({
  classes: z.array(z.looseObject({ id: z.string(), title: z.string().nullish(), head: version, versions: z.array(version) })),
});

const usedBySchema = z.looseObject({ vdc: z.string(), appliances: z.array(z.string()).default([]), containers: z.number().default(0), pinned: z.boolean().default(false) });

export const classVersionSchema = z.looseObject({
  version,
  source: z.string(),
  image: z.string().nullish(),
  head: z.boolean().default(false),
  note: z.string().nullish(),
  createdBy: z.string().nullish(),
  createdAt: z.string().nullish(),
  baseVersion: version.nullish(),
  usedBy: z.array(usedBySchema).default([]),
  usedByOthers: z.number().default(0),
});
export type ClassVersion = z.infer<typeof classVersionSchema>;

export const classViewSchema = z.looseObject({
  id: z.string(),
  title: z.string().nullish(),
  head: version,
  versions: z.array(classVersionSchema),
  prototype: z.looseObject({ version, online: z.boolean(), running: z.boolean() }).nullish(),
});
export type ClassView = z.infer<typeof classViewSchema>;

export const prototypeSchema = z.looseObject({ classId: z.string(), version, online: z.boolean(), running: z.boolean() });
export const runSchema = z.looseObject({ exitCode: z.number(), output: z.string().default('') });

export const rolloutSchema = z.looseObject({
  classId: z.string(),
  version,
  deploys: z.array(z.looseObject({ vdc: z.string(), operationId: z.string().nullish(), refused: z.string().nullish() })).default([]),
});
export type Rollout = z.infer<typeof rolloutSchema>;

export const committedSchema = z.looseObject({ classId: z.string(), version, image: z.string().nullish(), rollout: rolloutSchema });
export const rolledBackSchema = z.looseObject({ classId: z.string(), version, previous: version, rollout: rolloutSchema });
const discardedSchema = z.looseObject({ classId: z.string(), discarded: z.boolean() });
const deletedSchema = z.looseObject({ classId: z.string(), version, deleted: z.boolean() });

const seg = encodeURIComponent;

export const classApi = {
  list: (c: ColoClient) => c.call('GET', '/classes', classListSchema),
  view: (c: ColoClient, id: string) => c.call('GET', `/classes/${seg(id)}`, classViewSchema),
  openPrototype: (c: ColoClient, id: string, body: { version?: number; online?: boolean }) =>
    c.call('POST', `/classes/${seg(id)}/prototype`, prototypeSchema, { body }),
  discardPrototype: (c: ColoClient, id: string) => c.call('DELETE', `/classes/${seg(id)}/prototype`, discardedSchema),
  run: (c: ColoClient, id: string, script: string) => c.call('POST', `/classes/${seg(id)}/prototype/run`, runSchema, { body: { script } }),
  commit: (c: ColoClient, id: string, body: { note?: string; rollout?: boolean }) => c.call('POST', `/classes/${seg(id)}/versions`, committedSchema, { body }),
  rollback: (c: ColoClient, id: string, body: { version?: number }) => c.call('POST', `/classes/${seg(id)}/rollback`, rolledBackSchema, { body }),
  deleteVersion: (c: ColoClient, id: string, n: number) => c.call('DELETE', `/classes/${seg(id)}/versions/${n}`, deletedSchema),
};
