// `colo start NAME [--appliance A]`: starts what stop stopped, servers before their clients.
import { defineCommand } from '../command';
import { WAIT_FLAGS, runLifecycle } from './lifecycle';

export const start = defineCommand({
  name: 'start',
  summary: 'start a stopped VDC (or one appliance)',
  usage: 'NAME [--appliance A] [--wait] [--timeout SECONDS]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: { appliance: { type: 'string', short: 'a', value: 'A', description: 'only this appliance' }, ...WAIT_FLAGS },
  examples: ['$ colo start shop', 'start queued: op_2ba7 (follow it: colo op op_2ba7 --wait)'],
  run: (ctx, { flags, positionals }) => {
    const name = positionals.NAME ?? '';
    return runLifecycle(ctx, {
      command: 'start',
      name,
      flags,
      start: (client) => client.start(name, flags.appliance),
      extra: { appliance: flags.appliance },
    });
  },
});
