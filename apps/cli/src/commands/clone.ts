// `colo clone NAME NEW [--from SNAPSHOT] [--ports A=B,…]`: a new VDC with copies of all the
// source's data, live or from a snapshot, deployed on ports of its own. With --wait it follows
// the copy and then the new VDC's first deploy.
import type { Operation } from '@colo/api';
import { connect } from '../api-client';
import { parseSeconds } from '../args';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { followOperation } from '../operation-wait';
import { WAIT_FLAGS, operationHint, runLifecycle } from './lifecycle';
import { snapshotNumberArg } from './snapshot';

export function parsePorts(raw: string | undefined): Record<string, number> | undefined {
  if (raw === undefined) return undefined;
  const ports: Record<string, number> = {};
  for (const pair of raw.split(',')) {
    const m = /^\s*(\d{1,5})=(\d{1,5})\s*$/.exec(pair);
    if (!m) throw new UsageError(`--ports: "${pair}" must be SOURCE_PORT=CLONE_PORT, e.g. 8080=9080`, 'clone');
    ports[m[1]] = Number(m[2]);
  }
  return ports;
}

export const clone = defineCommand({
  name: 'clone',
  summary: 'copy a VDC with all its data into a new VDC (live, or from a snapshot) and deploy it',
  usage: 'NAME NEW [--from SNAPSHOT] [--ports A=B,…] [--wait] [--timeout SECONDS]',
  positionals: [
    { name: 'NAME', description: 'the VDC to copy (it keeps running, untouched)' },
    { name: 'NEW', description: 'the new VDC\'s name' },
  ],
  flags: {
    from: { type: 'string', value: 'SNAPSHOT', description: 'copy this snapshot instead of the live VDC' },
    ports: { type: 'string', value: 'A=B,…', description: 'publish the clone\'s port A on B (others move to the next free port)' },
    ...WAIT_FLAGS,
  },
  examples: [
    '$ colo clone shop shop-next --wait',
    'cloning shop into shop-next: its data is copied (writers paused for the last pass), then shop-next is deployed',
    '[100%] clone succeeded in 6.2s',
    'shop-next publishes 8080 → 8081',
    '[100%] deploy succeeded in 21.4s',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const target = positionals.NEW ?? '';
    const body = {
      name: target,
      ...(flags.from !== undefined ? { snapshot: snapshotNumberArg(flags.from, 'clone') } : {}),
      ...(flags.ports !== undefined ? { ports: parsePorts(flags.ports) } : {}),
    };
    if (!flags.wait) {
      return runLifecycle(ctx, { command: 'clone', name, flags, start: (client) => client.clone(name, body), extra: { clone: target } });
    }
    const timeoutSeconds = parseSeconds(flags.timeout, '--timeout', 'clone');
    const client = await connect(ctx);
    let started: { operation: Operation };
    try {
      started = await client.clone(name, body);
    } catch (error) {
      throw operationHint(error, name);
    }
    if (!flags.json) ctx.out(`cloning ${name} into ${target}: its data is copied${flags.from ? ` from snapshot ${flags.from}` : ' (writers paused for the last pass)'}, then ${target} is deployed`);
    const copied = await followOperation(ctx, client, started.operation.id, { json: flags.json, timeoutSeconds, extra: { vdc: name, clone: target } });
    if (copied !== 0) return copied;
    const { operation } = await client.operation(started.operation.id);
    const result = operation.result ?? {};
    const ports = (result.ports ?? {}) as Record<string, number>;
    if (!flags.json && Object.keys(ports).length > 0) {
      ctx.out(`${target} publishes ${Object.entries(ports).map(([from, to]) => `${from} → ${to}`).join(', ')}`);
    }
    const deploy = typeof result.deployOperation === 'string' ? result.deployOperation : undefined;
    if (!deploy) return 0;
    return followOperation(ctx, client, deploy, { json: flags.json, timeoutSeconds, extra: { vdc: target } });
  },
});
