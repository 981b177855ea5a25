// `colo destroy NAME [--purge]`: removes the VDC's containers and networks. Data survives unless
// --purge says otherwise, and the command says so before it starts, every time.
import { defineCommand } from '../command';
import { WAIT_FLAGS, confirmOrRefuse, runLifecycle } from './lifecycle';

export const destroy = defineCommand({
  name: 'destroy',
  summary: 'remove a VDC\'s containers and networks; volumes are kept unless --purge',
  usage: 'NAME [--purge] [--yes] [--wait] [--timeout SECONDS]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: {
    purge: { type: 'boolean', description: 'also delete its volumes: all of the VDC\'s data, for good' },
    yes: { type: 'boolean', short: 'y', description: 'do not ask for confirmation (needed when not on a terminal)' },
    ...WAIT_FLAGS,
  },
  examples: [
    '$ colo destroy shop --yes --wait',
    'destroying shop: containers and networks are removed; volumes are kept (--purge deletes them)',
    'the VDC and its revisions stay in Colo: `colo apply` brings it back with its data',
    '[100%] destroy succeeded in 3.4s',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const what = flags.purge
      ? 'containers, networks and volumes (all of its data) are removed'
      : 'containers and networks are removed; volumes are kept (--purge deletes them)';
    await confirmOrRefuse(ctx, {
      yes: flags.yes,
      command: 'destroy',
      what: `destroy ${name}`,
      question: `destroy ${name}? ${what} [y/N] `,
      cancelled: 'destroy cancelled: nothing was changed',
    });
    return runLifecycle(ctx, {
      command: 'destroy',
      name,
      flags,
      start: (client) => client.destroy(name, flags.purge),
      announce: [
        `destroying ${name}: ${what}`,
        flags.purge
          ? 'the VDC and its revisions stay in Colo: `colo apply` recreates it, empty'
          : 'the VDC and its revisions stay in Colo: `colo apply` brings it back with its data',
      ],
      extra: { purge: flags.purge, kept: flags.purge ? [] : ['volumes'] },
    });
  },
});
