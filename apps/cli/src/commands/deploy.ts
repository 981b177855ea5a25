// `colo deploy NAME` and `colo rollback NAME`: the failure view's two next steps on the command
// line. deploy applies the newest saved revision (or --revision N); --retry runs the last failed
// deploy again (the same revision, once its cause is fixed). rollback deploys the revision the
// last successful deploy applied, after a deploy failed; later revisions stay in the history.
import type { Operation } from '@colo/api';
import type { ColoClient } from '../api-client';
import { defineCommand } from '../command';
import { CliError, UsageError } from '../errors';
import { WAIT_FLAGS, runLifecycle } from './lifecycle';

/** The VDC's newest deploy, when it failed: what --retry and rollback start from. */
async function lastFailedDeploy(client: ColoClient, name: string): Promise<Operation | undefined> {
  const { operations } = await client.operations(name);
  const last = operations.find((op) => op.kind === 'deploy');
  return last?.status === 'failed' ? last : undefined;
}

function revisionFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new UsageError(`--revision "${raw}" must be a revision number (see: colo history NAME)`, 'deploy');
  return Number(raw);
}

export const deploy = defineCommand({
  name: 'deploy',
  summary: 'deploy a VDC\'s newest revision (or --revision N); --retry runs the last failed deploy again',
  usage: 'NAME [--revision N | --retry] [--wait] [--timeout SECONDS]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: {
    revision: { type: 'string', short: 'r', value: 'N', description: 'deploy this saved revision' },
    retry: { type: 'boolean', description: 'deploy the revision of the last deploy again, after it failed' },
    ...WAIT_FLAGS,
  },
  examples: ['$ colo deploy shop --retry --wait', 'retrying the deploy of revision 3 of shop', '[100%] deploy succeeded in 6.2s'],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const asked = revisionFlag(flags.revision);
    if (asked !== undefined && flags.retry) throw new UsageError('--retry deploys the failed revision again: leave out --revision', 'deploy');
    let announce: string[] = [];
    return runLifecycle(ctx, {
      command: 'deploy',
      name,
      flags,
      start: async (client) => {
        if (!flags.retry) return client.deploy(name, asked);
        const failed = await lastFailedDeploy(client, name);
        const revision = failed?.failure?.retryRevision ?? (typeof failed?.revision === 'number' ? failed.revision : undefined);
        if (!failed || revision === undefined) throw new CliError(`the last deploy of ${name} did not fail: nothing to retry (deploy the newest revision with: colo deploy ${name})`);
        announce = [`retrying the deploy of revision ${revision} of ${name}`];
        return client.deploy(name, revision);
      },
      get announce() {
        return announce;
      },
      extra: { revision: asked },
    });
  },
});

export const rollback = defineCommand({
  name: 'rollback',
  summary: 'after a failed deploy, deploy the last revision that deployed successfully',
  usage: 'NAME [--wait] [--timeout SECONDS]',
  positionals: [{ name: 'NAME', description: 'the VDC' }],
  flags: { ...WAIT_FLAGS },
  examples: ['$ colo rollback shop --wait', 'rolling shop back to revision 2, the last that deployed (revision 3 stays in the history)', '[100%] deploy succeeded in 5.8s'],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    let announce: string[] = [];
    return runLifecycle(ctx, {
      command: 'rollback',
      name,
      flags,
      start: async (client) => {
        const failed = await lastFailedDeploy(client, name);
        if (!failed) throw new CliError(`the last deploy of ${name} did not fail: nothing to roll back (an older revision deploys with: colo deploy ${name} --revision N)`);
        const target = failed.failure?.rollbackRevision;
        if (typeof target !== 'number') {
          throw new CliError(`${name} has no earlier revision that deployed: fix the cause and retry with: colo deploy ${name} --retry`);
        }
        const from = typeof failed.revision === 'number' ? ` (revision ${failed.revision} stays in the history)` : '';
        announce = [`rolling ${name} back to revision ${target}, the last that deployed${from}`];
        return client.deploy(name, target);
      },
      get announce() {
        return announce;
      },
    });
  },
});
