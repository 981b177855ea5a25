// `colo node …` (Colo admins): the machines of a swarm — list them with what runs where,
// initialise a swarm on Colo's own engine, print the one line a new machine runs (load Colo's
// bootstrap images from a one-use link, then join), drain,
// activate, label and remove. On a single host, `ls` shows this machine and how to grow.
import type { ClusterNodeAnswer, DrainAnswer, JoinCommandAnswer, NodeListAnswer } from '@colo/api';
import { type ColoClient, connect } from '../api-client';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { CliError, UsageError } from '../errors';
import { bytesText } from '../format';
import { nodeApi } from '../node-api';
import { followOperation } from '../operation-wait';
import { renderTable } from '../table';
import { confirmOrRefuse } from './lifecycle';

const ACTIONS = ['ls', 'init', 'add', 'drain', 'activate', 'label', 'rm'] as const;
type Action = (typeof ACTIONS)[number];
/** The CLI's own request timeout is 60 s: a drain waits less, and says so, unless told. */
const DEFAULT_WAIT_SECONDS = 45;

type Run = ClusterNodeAnswer['runs'][number];

/** `shop/web ×2` per Colo appliance (`+3 other` for services Colo did not make). */
export function runsText(runs: Run[]): string {
  const colo = runs.filter((r) => r.colo).map((r) => `${r.vdcName ?? r.vdc ?? '?'}/${r.appliance ?? r.service}${r.tasks.length > 1 ? ` ×${r.tasks.length}` : ''}${r.pinned ? ' (pinned)' : ''}`);
  const others = runs.filter((r) => !r.colo).length;
  return [...colo, ...(others ? [`+${others} other`] : [])].join(', ');
}

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function nodesTable(nodes: ClusterNodeAnswer[]): string[] {
  const rows = nodes.map((n) => [
    n.hostname,
    `${n.role}${n.leader ? ' (leader)' : ''}`,
    n.state,
    n.availability,
    n.cpus,
    bytesText(n.memoryBytes),
    labelsText(n.labels),
    runsText(n.runs),
  ]);
  return renderTable(['NODE', 'ROLE', 'STATE', 'AVAILABILITY', 'CPU', 'MEMORY', 'LABELS', 'RUNS'], rows);
}

function printList(ctx: CliContext, answer: NodeListAnswer): void {
  const { status } = answer;
  if (status.mode !== 'manager') {
    const h = status.host;
    ctx.out(`single host: ${h.hostname} — ${h.cpus} CPU, ${bytesText(h.memoryBytes)} memory, Docker ${h.engineVersion}`);
    if (status.mode === 'worker') ctx.out("Colo's Docker engine is a worker of a swarm: run Colo on a manager to manage its nodes");
    else ctx.out('not a swarm: `colo node init` makes this machine a swarm manager, then `colo node add` tells how to join others');
    return;
  }
  for (const line of nodesTable(answer.nodes)) ctx.out(line);
}

/** A drain's data moves, followed one by one like `colo move --wait`; the first failure stops the drain. */
async function followDataMoves(ctx: CliContext, client: ColoClient, answer: DrainAnswer, json: boolean): Promise<void> {
  const name = answer.node.hostname;
  if (!json) ctx.out(`moving data off ${name} first: ${answer.moving.map((m) => `${m.vdcName} (${m.operationId})`).join(', ')}`);
  for (const m of answer.moving) {
    const code = await followOperation(ctx, client, m.operationId, { json });
    if (code !== 0) {
      throw new CliError(`moving ${m.vdcName}'s data off ${name} failed, so ${name} is not drained (colo op ${m.operationId}); fix that and drain again, or drain with --keep-data to leave it stopped there`);
    }
  }
}

function printDrain(ctx: CliContext, answer: DrainAnswer, wait: number): void {
  const name = answer.node.hostname;
  if (answer.moved) ctx.out(`drained ${name}: everything that can move has moved`);
  else ctx.out(`drained ${name}; still there after ${wait}s (Swarm goes on moving it): ${runsText(answer.remaining)}`);
  if (answer.pinned.length) ctx.out(`kept there, its data is on ${name} (stopped until the node is active again): ${runsText(answer.pinned)}`);
}

/**
 * What the one line's first half does, and when its link cannot work from another machine. What
 * lets a node pull cannot come through Colo's registry (README: "On a swarm"), so Colo serves it.
 */
export function bootstrapNotes(bootstrap: JoinCommandAnswer['bootstrap']): string[] {
  // A Colo from before the links: the images are copied by hand.
  if (!bootstrap) return ["first, on Colo's machine (the manager): docker save colo/registry-relay:1 colo/share:1 | ssh NEW-MACHINE docker load (Colo's relay and share images)"];
  const lines = [`it first loads Colo's images (${bootstrap.images.join(', ')}) from a link that serves once, until ${bootstrap.expiresAt}; colo node add makes a new one.`];
  const host = new URL(bootstrap.url).hostname;
  if (host === 'localhost' || /^127\./.test(host) || host === '[::1]') {
    lines.push(`the link names ${host}, which another machine cannot reach: set COLO_PUBLIC_URL to Colo's address (or run colo login with the address other machines use), then colo node add again.`);
  }
  return lines;
}

/** `key=value` adds, `key-` removes (as `kubectl label`). */
export function parseLabels(args: string[]): { add: Record<string, string>; remove: string[] } {
  const add: Record<string, string> = {};
  const remove: string[] = [];
  for (const arg of args) {
    const set = /^([^=\s]+)=(.*)$/.exec(arg);
    const unset = /^([^=\s]+)-$/.exec(arg);
    if (set) add[set[1] as string] = set[2] as string;
    else if (unset) remove.push(unset[1] as string);
    else throw new UsageError(`"${arg}" is not KEY=VALUE (add) or KEY- (remove)`, 'node');
  }
  if (!args.length) throw new UsageError('node label needs NODE and at least one KEY=VALUE or KEY-', 'node');
  return { add, remove };
}

export const node = defineCommand({
  name: 'node',
  summary: 'machines of a swarm (admins): list, init, add, drain, activate, label, rm',
  usage: 'ls | init [--advertise ADDR] [--pool CIDR] | add [--manager] | drain NODE [--wait S] [--keep-data] | activate NODE | label NODE KEY=VALUE… KEY-… | rm NODE [--force] [--yes]',
  positionals: [
    { name: 'ACTION', description: `${ACTIONS.join(', ')} (ls unless told)`, optional: true },
    { name: 'NODE', description: "a node's hostname, id or a unique prefix of its id", optional: true },
    { name: 'LABELS', description: 'label: KEY=VALUE adds, KEY- removes', optional: true, repeats: true },
  ],
  flags: {
    advertise: { type: 'string', value: 'ADDR', description: 'init: the address other machines reach this one on' },
    pool: { type: 'string', value: 'CIDR', description: 'init: the overlay networks pool (a free /16 unless told)' },
    manager: { type: 'boolean', description: 'add: join as a manager, not a worker' },
    wait: { type: 'string', value: 'S', description: `drain: seconds to wait for the tasks to move (${DEFAULT_WAIT_SECONDS} unless told, up to 300)` },
    force: { type: 'boolean', description: 'rm: remove a node that is down even if Colo tasks were on it' },
    'keep-data': { type: 'boolean', description: 'drain: leave appliances whose data is on the node there, stopped, instead of moving them first' },
    yes: { type: 'boolean', short: 'y', description: 'rm, drain: do not ask for confirmation (needed when not on a terminal)' },
  },
  examples: [
    '$ colo node ls',
    'NODE  ROLE              STATE  AVAILABILITY  CPU  MEMORY    LABELS  RUNS',
    'n1    manager (leader)  ready  active        4    7.7 GiB   -       shop/web, shop/db (pinned)',
    'n2    worker            ready  active        4    7.7 GiB   zone=b  shop/web ×2',
    '$ colo node add',
    '$ colo node drain n2 --yes',
    '$ colo node label n2 zone=b disk=ssd old-',
  ],
  async run(ctx, { flags, positionals: p, repeated }) {
    const action = (p.ACTION ?? 'ls') as Action;
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${p.ACTION}": use one of ${ACTIONS.join(', ')}`, 'node');
    const target = p.NODE as string | undefined;
    const extra = repeated ?? [];
    const needsNode = ['drain', 'activate', 'label', 'rm'].includes(action);
    if (needsNode && !target) throw new UsageError(`node ${action} needs NODE`, 'node');
    if (!needsNode && target) throw new UsageError(`too many arguments for node ${action}`, 'node');
    if (action !== 'label' && extra.length) throw new UsageError(`too many arguments for node ${action}`, 'node');
    const labels = action === 'label' ? parseLabels(extra) : undefined;
    const wait = flags.wait === undefined ? DEFAULT_WAIT_SECONDS : Number(flags.wait);
    if (!(Number.isInteger(wait) && wait >= 0 && wait <= 300)) throw new UsageError('--wait must be a whole number of seconds from 0 to 300', 'node');
    // A long drain waits longer than a request usually may.
    const client = await connect(action === 'drain' ? { ...ctx, requestTimeoutMs: Math.max(ctx.requestTimeoutMs, (wait + 30) * 1000) } : ctx);
    const print = (answer: unknown, line: () => void) => (flags.json ? ctx.out(JSON.stringify(answer, null, 2)) : line());
    const yes = flags.yes === true;

    switch (action) {
      case 'ls': {
        const answer = await nodeApi.list(client);
        print(answer, () => printList(ctx, answer));
        return 0;
      }
      case 'init': {
        const answer = await nodeApi.init(client, { ...(flags.advertise ? { advertiseAddress: flags.advertise } : {}), ...(flags.pool ? { addressPool: flags.pool } : {}) });
        print(answer, () => {
          const how = answer.adopted ? 'already a swarm manager: Colo uses that swarm' : 'initialised a swarm';
          ctx.out(`${how}; managers are reached at ${answer.status.managerAddress ?? '?'}`);
          ctx.out('add machines with: colo node add');
        });
        return 0;
      }
      case 'add': {
        const answer = await nodeApi.join(client, flags.manager ? 'manager' : 'worker');
        print(answer, () => {
          // The command alone on stdout, so it can be piped to the new machine.
          ctx.out(answer.bootstrapCommand ?? answer.command);
          ctx.err(`on the new machine (Docker installed, TCP ${answer.managerAddress.split(':').pop()} to ${answer.managerAddress} open, and 7946 tcp/udp and 4789 udp between nodes), run the line above as root; it joins as a ${answer.role}.`);
          for (const line of bootstrapNotes(answer.bootstrap)) ctx.err(line);
          ctx.err('then: colo node ls');
        });
        return 0;
      }
      case 'drain': {
        const keepData = flags['keep-data'] === true;
        const question = keepData
          ? `drain ${target}? its tasks move to other nodes; appliances whose data is there stop until it is active again [y/N] `
          : `drain ${target}? appliances whose data is there move first, with their data; then its tasks move to other nodes [y/N] `;
        await confirmOrRefuse(ctx, { yes, command: 'node', what: `drain ${target}`, question, cancelled: 'not drained' });
        let answer = await nodeApi.drain(client, target as string, wait, keepData);
        if (answer.moving.length > 0) {
          await followDataMoves(ctx, client, answer, flags.json === true);
          answer = await nodeApi.drain(client, target as string, wait, keepData);
        }
        const drained = answer;
        print(drained, () => printDrain(ctx, drained, wait));
        return 0;
      }
      case 'activate': {
        const answer = await nodeApi.activate(client, target as string);
        print(answer, () => ctx.out(`${answer.node.hostname} is ${answer.node.availability}: it takes tasks again`));
        return 0;
      }
      case 'label': {
        const answer = await nodeApi.label(client, target as string, labels as { add: Record<string, string>; remove: string[] });
        print(answer, () => ctx.out(`${answer.node.hostname}: ${labelsText(answer.node.labels) || 'no labels'}`));
        return 0;
      }
      case 'rm': {
        await confirmOrRefuse(ctx, { yes, command: 'node', what: `remove node ${target}`, question: `remove node ${target} from the swarm? [y/N] `, cancelled: 'not removed' });
        const answer = await nodeApi.remove(client, target as string, flags.force === true);
        print(answer, () => ctx.out(`removed node ${answer.removed.hostname} (${answer.removed.id})`));
        return 0;
      }
    }
  },
});
