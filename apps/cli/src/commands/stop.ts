// `colo stop NAME [--appliance A]`: containers are stopped, not removed; start brings them back.
import { defineCommand } from '../command';
import { WAIT_FLAGS, runLifecycle } from './lifecycle';

export const stop = defineCommand({
  name: 'stop',
  summary: 'stop a VDC\'s containers (or one appliance\'s); nothing is removed',
  usage: 'NAME [--appliance A] [--wait] [--timeout SECONDS]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: { appliance: { type: 'string', short: 'a', value: 'A', description: 'only this appliance' }, ...WAIT_FLAGS },
  examples: ['$ colo stop shop --appliance web --wait', '[  0%] stop op_9d1x: running', '[ 50%] stop web-1: done', '[100%] stop succeeded in 2.1s'],
  run: (ctx, { flags, positionals }) => {
    const name = positionals.NAME ?? '';
    return runLifecycle(ctx, {
      command: 'stop',
      name,
      flags,
      start: (client) => client.stop(name, flags.appliance),
      extra: { appliance: flags.appliance },
    });
  },
});
