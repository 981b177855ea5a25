// `colo status NAME`: what is running right now, read from Docker by the server: replicas,
// state, health and the host ports each appliance is published on, then the edge listener of
// each published port with the replicas it sees up.
import { connect } from '../api-client';
import type { VdcStatus } from '@colo/api';
import { defineCommand } from '../command';
import { renderTable } from '../table';
import { failureLines } from '../operation-wait';

type ApplianceStatus = VdcStatus['appliances'][number];

export const status = defineCommand({
  name: 'status',
  summary: 'show a VDC\'s appliances: replicas running/desired, state, health, published ports',
  usage: 'NAME',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  examples: [
    '$ colo status shop',
    'shop: running',
    'APPLIANCE  CLASS     REPLICAS  STATE    HEALTH     PORTS',
    'lb         halb      1/1       running  healthy    127.0.0.1:8080 → lb.in',
    'web        web-php   3/3       running  3 healthy  -',
    'db         postgres  1/1       running  healthy    -',
    'cache      redis     0/1       stopped: failed 3 times in 24h (last: out of memory)  -  -',
    '',
    'PUBLISHED       TARGET  LISTENER        BACKENDS UP',
    '127.0.0.1:8080  lb.in   running healthy  1/1',
  ],
  async run(ctx, { flags, positionals }) {
    const client = await connect(ctx);
    const answer = await client.status(positionals.NAME ?? '');
    if (flags.json) {
      ctx.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    const vdc = typeof answer.vdc === 'string' ? { name: answer.vdc, state: undefined } : answer.vdc;
    ctx.out(`${vdc.name}${vdc.state ? `: ${vdc.state}` : ''}`);
    // A failed VDC says why and what next, as the failure view does (Docker's words: colo op).
    if (vdc.state === 'failed') {
      const [last] = (await client.operations(positionals.NAME ?? '')).operations;
      if (last?.status === 'failed' && last.failure) for (const line of failureLines(last, { details: false })) ctx.out(line);
    }
    if (answer.appliances.length === 0) {
      ctx.out('no appliances');
      return 0;
    }
    const rows = answer.appliances.map((a) => [
      a.name,
      a.class,
      `${a.replicas.running}/${a.replicas.desired}`,
      a.problem ? `${a.state}: ${a.problem}` : a.state,
      health(a),
      ports(a),
    ]);
    for (const line of renderTable(['APPLIANCE', 'CLASS', 'REPLICAS', 'STATE', 'HEALTH', 'PORTS'], rows)) ctx.out(line);
    // On a swarm: data on a lost node is said once more, with the way back.
    for (const a of answer.appliances.filter((x) => x.data?.lost)) {
      // A drained node still answers: its data is moved live rather than restored.
      const how = a.data?.reason === 'drained' ? 'move it to another node' : 'restore it onto another node';
      ctx.out(`${a.name}'s data is on node ${a.data?.hostname}, which is ${a.data?.reason ?? 'lost'}: ${how} with colo move ${vdc.name} ${a.name}`);
    }
    if (answer.edge.length > 0) {
      ctx.out('');
      const edgeRows = answer.edge.map((e) => [
        `${e.host ? `${e.host}:` : ''}${e.port}`,
        e.target || undefined,
        [e.listener.state, e.listener.health && e.listener.health !== 'none' ? e.listener.health : ''].filter(Boolean).join(' '),
        // null: the listener is not running, or Docker refused the exec that asks it (read-only access).
        e.backends ? `${e.backends.up}/${e.backends.total}` : e.listener.state === 'running' ? 'unknown' : undefined,
      ]);
      for (const line of renderTable(['PUBLISHED', 'TARGET', 'LISTENER', 'BACKENDS UP'], edgeRows)) ctx.out(line);
    }
    return 0;
  },
});

/** One container: its health; several: how many are in each health state (`2 healthy, 1 starting`). */
export function health(appliance: ApplianceStatus): string | undefined {
  const states = appliance.containers.map((c) => c.health).filter((h): h is string => !!h && h !== 'none');
  if (states.length === 0) return undefined;
  if (appliance.containers.length === 1) return states[0];
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}

/** `127.0.0.1:8080 → lb.in`, once per published port even when several replicas report it. */
export function ports(appliance: ApplianceStatus): string | undefined {
  const seen = new Set<string>();
  for (const container of appliance.containers) {
    for (const p of container.ports) {
      seen.add(`${p.host ? `${p.host}:` : ''}${p.port} → ${appliance.name}.${p.terminal}`);
    }
  }
  return seen.size ? [...seen].join(', ') : undefined;
}
