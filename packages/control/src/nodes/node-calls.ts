// What the worker does for node management (nodes.ts asks it, after its admin check): every
// change, and the join command, go to the worker because it alone holds a Docker endpoint that
// may change things; the web process may read Docker through the read-only proxy, which lets
// the node list through but never the swarm's join tokens.
import { z } from 'zod';
import { workerCall } from '../worker-calls/worker-call';
import { onCluster } from './cluster-access';
import { drainAndWait } from './drain-node';
import { sweepDestroyedVdcNetworks } from './sweep-networks';

/** A node's id, id prefix or hostname. */
export const nodeRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,253}$/, 'must be a node id or hostname');
export const labelKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$/, 'must be a label key (letters, digits, . _ / -)');
export const addressPool = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as 10.200.0.0/16');
export const initInput = z.object({ advertiseAddress: z.string().min(1).max(255).optional(), addressPool: addressPool.optional() }).strict();
/** The longest a drain waits for Swarm to move the tasks. */
export const DRAIN_WAIT_MAX_SECONDS = 300;

export const initSwarmCall = workerCall({
  input: initInput,
  timeoutMs: 60_000,
  run: (asked) =>
    onCluster(async (c) => {
      // Already a manager: Colo adopts the swarm it finds, it never makes a second one.
      const now = await c.status();
      if (now.mode === 'manager') return { status: await c.adopt(), adopted: true };
      return { status: await c.init(asked), adopted: false };
    }),
});

export const joinCommandCall = workerCall({
  input: z.object({ role: z.enum(['worker', 'manager']) }).strict(),
  timeoutMs: 30_000,
  run: ({ role }) => onCluster((c) => c.joinCommand(role)),
});

export const drainNodeCall = workerCall({
  input: z.object({ node: nodeRef, waitSeconds: z.number().int().min(0).max(DRAIN_WAIT_MAX_SECONDS) }).strict(),
  timeoutMs: (DRAIN_WAIT_MAX_SECONDS + 60) * 1000,
  run: ({ node, waitSeconds }) => onCluster((c) => drainAndWait(c, node, { waitMs: waitSeconds * 1000 })),
});

export const activateNodeCall = workerCall({
  input: z.object({ node: nodeRef }).strict(),
  timeoutMs: 30_000,
  run: ({ node }) => onCluster((c) => c.setAvailability(node, 'active')),
});

export const labelNodeCall = workerCall({
  input: z.object({ node: nodeRef, add: z.record(labelKey, z.string().max(1024)), remove: z.array(labelKey).max(64) }).strict(),
  timeoutMs: 30_000,
  run: ({ node, add, remove }) => onCluster((c) => c.setLabels(node, { add, remove })),
});

export const removeNodeCall = workerCall({
  input: z.object({ node: nodeRef, force: z.boolean() }).strict(),
  timeoutMs: 30_000,
  run: ({ node, force }) =>
    onCluster(async (c) => {
      const target = await c.node(node);
      await c.removeNode(target.id, { force });
      // Its tasks are gone with it: what they held for destroyed VDCs can go now.
      await sweepDestroyedVdcNetworks().catch(() => []);
      return { id: target.id, hostname: target.hostname };
    }),
});
