// What the worker does for a terminal in a deployed appliance (appliance-terminal.ts asks, after
// its ownership and scope checks): finds the replica's container by its labels (this Colo, the
// VDC, the appliance, the replica), refuses one that is missing or not running, and opens the
// shell or command in it as the container's own user. The caller names a VDC id and an appliance,
// never a container.
import { LABEL, openContainerShell, vdcLabelFilter } from '@colo/engine';
import { z } from 'zod';
import { engineConfig } from '../docker/engine-access';
import { ColoError } from '../errors';
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
    const filters = [...vdcLabelFilter({ instance: engineConfig().instance, vdcId: o.vdcId }), `${LABEL.appliance}=${o.appliance}`];
    const containers = (await runtime.listContainers(filters))
      .filter((c) => c.labels[LABEL.role] === undefined)
      .map((c) => ({ ...c, replica: Number(c.labels[LABEL.replica]) }))
      .filter((c) => Number.isInteger(c.replica))
      .sort((a, b) => a.replica - b.replica);
    const where = `${o.appliance} in VDC "${o.vdcName}"`;
    if (containers.length === 0) throw new ColoError('not_found', `${where} has no containers: deploy it first`);
    const running = containers.filter((c) => c.state === 'running');
    const chosen = o.replica === undefined ? running[0] : containers.find((c) => c.replica === o.replica);
    if (!chosen) {
      if (o.replica === undefined) throw new ColoError('bad_request', `no replica of ${where} is running: start it first`);
      const have = containers.map((c) => c.replica).join(', ');
      throw new ColoError('not_found', `${where} has no replica ${o.replica} (it has ${have})`);
    }
    if (chosen.state !== 'running') {
      throw new ColoError('bad_request', `replica ${chosen.replica} of ${where} is ${chosen.state}, not running: start it first`);
    }
    const exec = await openContainerShell(runtime, chosen.id, { cols: o.cols, rows: o.rows, command: o.command, tty: o.tty });
    try {
      return { relayId: await relays.start(exec), replica: chosen.replica, container: chosen.name };
    } catch (error) {
      // Redis refused the relay: a shell nobody can reach is hung up at once.
      await exec.close();
      throw error;
    }
  },
});
