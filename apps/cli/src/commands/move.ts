// `colo move NAME [APPLIANCE] [--to NODE] [--snapshot N]`: a stateful appliance of a swarm VDC (no
// APPLIANCE: every one of them) onto another node, its data copied live from its node, or (that
// node lost, or --snapshot) restored from a snapshot. One operation like the others, followed
// with --wait.
import { connect } from '../api-client';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { WAIT_FLAGS, confirmOrRefuse, runLifecycle } from './lifecycle';
import { snapshotNumberArg } from './snapshot';

/** What the move will do, in words, before the server has done any of it. No appliance: the whole VDC. */
export function moveAnnouncement(name: string, appliance: string | undefined, node: string | undefined, snapshot: number | undefined): string {
  const where = node ? `onto node ${node}` : 'onto the ready node with the least load';
  if (appliance === undefined) {
    const data =
      snapshot !== undefined
        ? `their data is restored from snapshot ${snapshot}`
        : "each one's data is copied live from its node, or restored from the newest snapshot if that node is lost";
    return `moving every stateful appliance of ${name} ${where}: ${data}; the old copies stay until they are healthy there`;
  }
  const data =
    snapshot !== undefined
      ? `its data is restored from snapshot ${snapshot}`
      : 'its data is copied live from its node, or restored from the newest snapshot if that node is lost';
  return `moving ${appliance} of ${name} ${where}: ${data}; the old copy stays until ${appliance} is healthy there`;
}

export const move = defineCommand({
  name: 'move',
  summary: 'move a stateful appliance of a swarm VDC (or all of them) to another node, or restore it onto another node after a node loss',
  usage: 'NAME [APPLIANCE] [--to NODE] [--snapshot N [--yes]] [--wait] [--timeout SECONDS]',
  positionals: [
    { name: 'NAME', description: 'the VDC (deployed on a swarm)' },
    {
      name: 'APPLIANCE',
      description: 'the appliance whose data pins it to a node (colo status NAME says where); absent: every stateful appliance of NAME, in one operation',
      optional: true,
    },
  ],
  flags: {
    to: { type: 'string', value: 'NODE', description: 'the target node, hostname or id (colo node ls); Colo picks one unless told' },
    snapshot: { type: 'string', value: 'N', description: 'restore this snapshot\'s data instead of copying it live (what is newer is lost)' },
    yes: { type: 'boolean', short: 'y', description: 'with --snapshot: do not ask for confirmation' },
    ...WAIT_FLAGS,
  },
  examples: [
    '$ colo move shop db --to n3 --wait',
    'moving db of shop onto node n3: its data is copied live from its node, or restored from the newest snapshot if that node is lost; the old copy stays until db is healthy there',
    '[100%] move succeeded in 41.2s',
    '$ colo move shop db --wait          # its node is down: restored from the newest snapshot onto another node',
    '$ colo move shop --to n3 --wait     # the whole VDC: every stateful appliance onto n3',
    "moving every stateful appliance of shop onto node n3: each one's data is copied live from its node, or restored from the newest snapshot if that node is lost; the old copies stay until they are healthy there",
    '[100%] move succeeded in 63.0s',
    'db of shop now runs on node n3',
    'files of shop now runs on node n3',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const appliance = positionals.APPLIANCE;
    const snapshot = flags.snapshot !== undefined ? snapshotNumberArg(flags.snapshot, 'move') : undefined;
    if (snapshot !== undefined) {
      const whom = appliance ?? `every stateful appliance of ${name}`;
      const of = appliance !== undefined ? `${appliance} of ${name}` : whom;
      await confirmOrRefuse(ctx, {
        yes: flags.yes,
        command: 'move',
        what: `restore ${whom} from snapshot ${snapshot}`,
        question: `restore ${of} from snapshot ${snapshot} onto ${flags.to ?? 'another node'}? what ${appliance !== undefined ? 'it' : 'they'} wrote since is not kept [y/N] `,
        cancelled: 'move cancelled: nothing was changed',
      });
    }
    const body = {
      ...(appliance !== undefined ? { appliance } : {}),
      ...(flags.to !== undefined ? { node: flags.to } : {}),
      ...(snapshot !== undefined ? { snapshot } : {}),
    };
    const code = await runLifecycle(ctx, {
      command: 'move',
      name,
      flags,
      start: (client) => client.move(name, body),
      announce: [moveAnnouncement(name, appliance, flags.to, snapshot)],
      extra: { appliance },
    });
    if (code === 0 && flags.wait && !flags.json) await printWhere(ctx, name, appliance);
    return code;
  },
});

/** After the move: where the appliance's data is now (no appliance: each pinned one's), as status says. */
async function printWhere(ctx: CliContext, name: string, appliance: string | undefined): Promise<void> {
  const status = await (await connect(ctx)).status(name);
  for (const a of status.appliances) {
    if (!a.data || (appliance !== undefined && a.name !== appliance)) continue;
    ctx.out(`${a.name} of ${name} now runs on node ${a.data.hostname}${a.data.lost ? `, which is ${a.data.reason ?? 'lost'}` : ''}`);
  }
}
