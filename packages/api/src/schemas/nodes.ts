// Nodes of a swarm (admins): the status of Colo's Docker engine, each node with what runs on it,
// the join command, drain, labels. On a single host the list is empty and `host` is the machine.
import { z } from 'zod';

const host = z.looseObject({ hostname: z.string(), cpus: z.number(), memoryBytes: z.number(), engineVersion: z.string() });

export const clusterStatusSchema = z.looseObject({
  mode: z.enum(['single', 'worker', 'manager']).describe('single: not in a swarm; worker/manager: the role of the engine Colo uses'),
  localState: z.string(),
  nodeId: z.string().optional(),
  managerAddress: z.string().optional().describe('host:port new nodes join'),
  error: z.string().optional(),
  host,
});

const nodeRunSchema = z.looseObject({
  service: z.string(),
  colo: z.boolean(),
  vdc: z.string().optional().describe("the VDC's id (colo.vdc)"),
  vdcName: z.string().optional(),
  appliance: z.string().optional(),
  pinned: z.boolean().describe('held to this node by its data: a drain cannot move it'),
  tasks: z.array(z.looseObject({ id: z.string(), slot: z.number().optional(), state: z.string() })),
});

export const clusterNodeSchema = z.looseObject({
  id: z.string(),
  hostname: z.string(),
  role: z.enum(['manager', 'worker']),
  leader: z.boolean(),
  state: z.enum(['ready', 'down', 'unknown']),
  availability: z.enum(['active', 'pause', 'drain']),
  address: z.string(),
  cpus: z.number(),
  memoryBytes: z.number(),
  labels: z.record(z.string(), z.string()),
  engineVersion: z.string(),
  runs: z.array(nodeRunSchema),
});

export const nodeListSchema = z.looseObject({ status: clusterStatusSchema, nodes: z.array(clusterNodeSchema) });
export const nodeAnswerSchema = z.looseObject({ node: clusterNodeSchema });
export const initSwarmBody = z
  .object({
    advertiseAddress: z.string().min(1).max(255).optional().describe('the address other nodes reach this one on'),
    addressPool: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/).optional().describe('the overlay networks pool (CIDR); by default a /16 nothing here uses'),
  })
  .strict();
export const initSwarmAnswerSchema = z.looseObject({ status: clusterStatusSchema, adopted: z.boolean().describe('it was a manager already: Colo uses that swarm') });
export const joinQuery = z.object({ role: z.enum(['worker', 'manager']).optional().describe('worker unless told') });
export const bootstrapLinkSchema = z.looseObject({
  url: z.string().describe("streams `docker save` of Colo's bootstrap images (a tar), once, until expiresAt"),
  expiresAt: z.string(),
  images: z.array(z.string()).describe('what the tar holds: the registry relay and share images a node needs before it can pull from Colo'),
  loadCommand: z.string().describe("curl -fsS <url> | docker load"),
});
export const bootstrapLinkAnswerSchema = z.looseObject({ bootstrap: bootstrapLinkSchema });
export const bootstrapLinkParams = z.object({ token: z.string().describe("the link's one-use secret (cboot_…)") });
export const joinCommandSchema = z.looseObject({
  role: z.enum(['worker', 'manager']),
  token: z.string(),
  managerAddress: z.string(),
  command: z.string().describe('docker swarm join alone'),
  bootstrap: bootstrapLinkSchema.optional().describe("a new one-use link to Colo's bootstrap images"),
  bootstrapCommand: z.string().optional().describe('the one line a new machine runs as root: load the images from the link, then join'),
});
export const drainNodeBody = z
  .object({
    waitSeconds: z.number().int().min(0).max(300).optional().describe('how long to wait for the tasks to move (60 unless told)'),
    keepData: z.boolean().optional().describe('true: appliances whose data is on the node stay there, stopped until it is active again, instead of moving first'),
  })
  .strict();
export const drainAnswerSchema = z.looseObject({
  node: clusterNodeSchema,
  moved: z.boolean().describe('nothing movable is left on the node'),
  waitedMs: z.number(),
  pinned: z.array(nodeRunSchema).describe('appliances that cannot move: their data is on this node'),
  remaining: z.array(nodeRunSchema),
  moving: z
    .array(z.looseObject({ vdc: z.string(), vdcName: z.string(), operationId: z.string() }))
    .describe('move operations taking data off the node first; while any is listed the node is not drained yet: follow them, then drain again'),
});
export const labelNodeBody = z
  .object({
    add: z.record(z.string(), z.string()).optional(),
    remove: z.array(z.string()).optional(),
  })
  .strict();
export const removeNodeQuery = z.object({ force: z.enum(['true', 'false']).optional().describe('true: remove a node that is down even if it still holds Colo tasks') });
export const removeNodeAnswerSchema = z.looseObject({ removed: z.looseObject({ id: z.string(), hostname: z.string() }) });

export type ClusterStatusAnswer = z.infer<typeof clusterStatusSchema>;
export type ClusterNodeAnswer = z.infer<typeof clusterNodeSchema>;
export type NodeListAnswer = z.infer<typeof nodeListSchema>;
export type DrainAnswer = z.infer<typeof drainAnswerSchema>;
export type JoinCommandAnswer = z.infer<typeof joinCommandSchema>;
export type BootstrapLinkAnswer = z.infer<typeof bootstrapLinkSchema>;
