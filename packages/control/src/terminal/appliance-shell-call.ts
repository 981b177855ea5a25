// What the worker does for a terminal in a deployed appliance (appliance-terminal.ts asks, after
// its ownership and scope checks): finds the replica's container (by its labels on one host, by
// its task's slot and node on a swarm: docker/replica-location.ts), refuses one that is missing or
// not running, and opens the shell or command in it, on its node, as the container's own user.
// The caller names a VDC id and an appliance, never a container.
import { openContainerShell } from '@colo/engine';
import { z } from 'zod';
import { locateReplica } from '../docker/replica-location';
import { workerCall } from '../worker-calls/worker-call';

const name = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,127}$/i, 'must be a name');

export const openApplianceShellCall = workerCall({
  input: z
    .object({
      vdcId: z.string().min(1).max(64),
      /** For messages only. */
      vdcName: z.string().min(1).max(128),
      appliance: name,
      replica: z.number().int().min(1).max(1000).optional(),
      cols: z.number().int().min(2).max(500),
      rows: z.number().int().min(1).max(200),
      command: z.array(z.string().min(1).max(4096)).min(1).max(64).optional(),
      tty: z.boolean().optional(),
    })
    .strict(),
  timeoutMs: 30_000,
  async run(o, { runtime, relays }) {
    // On a swarm the replica may run on another node: opened there, through that node's engine.
    const chosen = await locateReplica({ id: o.vdcId, name: o.vdcName }, o.appliance, o.replica, runtime);
    const exec = await openContainerShell(chosen.runtime, chosen.containerId, { cols: o.cols, rows: o.rows, command: o.command, tty: o.tty });
    try {
      return { relayId: await relays.start(exec), replica: chosen.replica, container: chosen.container };
    } catch (error) {
      // Redis refused the relay: a shell nobody can reach is hung up at once.
      await exec.close();
      throw error;
    }
  },
});
