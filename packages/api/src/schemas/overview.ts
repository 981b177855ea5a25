// The overview: every VDC of the caller's teams with state, health, use now and alerts.
import { z } from 'zod';
import { alertSchema } from './alerts';
import { vdcListSchema } from './vdcs';

const health = z.looseObject({ containers: z.number(), running: z.number(), healthy: z.number(), unhealthy: z.number(), word: z.string() });
const usage = z.looseObject({ cpu: z.number(), memoryUsed: z.number(), replicas: z.number() });
const amounts = z.looseObject({ appliances: z.number(), containers: z.number(), cpu: z.number(), memory: z.number(), hostPorts: z.number() });

export const overviewVdcSchema = vdcListSchema.shape.vdcs.element.extend({ health: health.nullable(), usage: usage.nullable(), firingAlerts: z.number() });
export const overviewSchema = z.looseObject({
  vdcs: z.array(overviewVdcSchema),
  teams: z.array(z.looseObject({ slug: z.string(), name: z.string(), personal: z.boolean(), role: z.string(), vdcs: z.number(), quota: z.looseObject({ limits: amounts, usage: amounts }) })),
  alerts: z.array(alertSchema),
  totals: z.looseObject({ vdcs: z.number(), running: z.number(), unhealthy: z.number(), firingAlerts: z.number(), cpu: z.number(), memoryUsed: z.number() }),
  dockerReachable: z.boolean(),
});
export type OverviewAnswer = z.infer<typeof overviewSchema>;
export type OverviewVdcAnswer = z.infer<typeof overviewVdcSchema>;
