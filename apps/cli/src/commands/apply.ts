// `colo apply -f FILE`: make the manifest the VDC's latest revision (creating the VDC if it is
// new) and deploy it. Deploy is idempotent, so applying an unchanged manifest still converges
// Docker onto it — the way to retry after a failed deploy.
import { type ColoClient, connect } from '../api-client';
import { revisionNumber } from '@colo/api';
import { parseSeconds } from '../args';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { ApiError, CliError, UsageError, formatWarning } from '../errors';
import { plural } from '../format';
import { type ManifestSource, manifestName, readManifest } from '../manifest-file';
import { reportOperation } from '../operation-wait';
import { operationHint } from './lifecycle';

export const apply = defineCommand({
  name: 'apply',
  summary: 'save a manifest as the VDC\'s new revision (creating the VDC if needed) and deploy it',
  usage: '-f FILE [--team SLUG] [--wait] [--timeout SECONDS]',
  flags: {
    file: { type: 'string', short: 'f', value: 'FILE', description: 'the manifest (YAML or JSON), or - for stdin' },
    team: { type: 'string', value: 'SLUG', description: 'the team the VDC belongs to (a new one goes there; your personal team unless told)' },
    wait: { type: 'boolean', short: 'w', description: 'follow the deploy until it finishes; exit 1 if it fails' },
    timeout: { type: 'string', value: 'SECONDS', description: 'with --wait: give up waiting after this long (the deploy goes on)' },
  },
  examples: [
    '$ colo apply -f shop.yaml --wait',
    'created shop (revision 1)',
    '[  0%] deploy op_7kq2: running',
    '[ 10%] create network shop-db-in: done',
    '[ 40%] start db-1: running',
    '       waiting for db-1 to be healthy',
    '[ 60%] start db-1: done',
    '[100%] deploy succeeded in 14.2s',
  ],
  async run(ctx, { flags }) {
    const timeoutSeconds = parseSeconds(flags.timeout, '--timeout', 'apply');
    if (timeoutSeconds !== undefined && !flags.wait) throw new UsageError('--timeout only applies with --wait', 'apply');
    const source = await readManifest(ctx, flags.file, 'apply');
    const client = await connect(ctx);

    // The server's verdict comes first: a manifest it accepts always has a name to look up.
    await checkValid(ctx, client, source, flags.team);
    // With a team, every call names the VDC in it (`shop@acme`), so one of the same name in
    // another of the caller's teams is never the one updated.
    const name = flags.team ? `${manifestName(source)}@${flags.team}` : manifestName(source);
    const saved = await saveRevision(ctx, client, name, source, flags.json, flags.team);

    let started: Awaited<ReturnType<ColoClient['deploy']>>;
    try {
      started = await client.deploy(name);
    } catch (error) {
      throw operationHint(error, name);
    }
    return reportOperation(ctx, client, started.operation, { wait: flags.wait, json: flags.json, timeoutSeconds, extra: saved });
  },
});

/** Refuses an invalid manifest before anything is saved, with every issue listed. */
async function checkValid(ctx: CliContext, client: ColoClient, source: ManifestSource, team?: string): Promise<void> {
  const result = await client.validate(source.text, team);
  for (const issue of result.warnings) ctx.err(formatWarning(issue));
  if (!result.ok) {
    throw new ApiError(400, 'invalid_manifest', `${source.label} is invalid: ${plural(result.errors.length, 'error')}`, result.errors);
  }
}

type Saved = {
  vdc: string;
  revision: number | undefined;
  created: boolean;
  changed: boolean;
};

async function saveRevision(ctx: CliContext, client: ColoClient, name: string, source: ManifestSource, quiet: boolean, team?: string): Promise<Saved> {
  const say = (line: string) => (quiet ? undefined : ctx.out(line));
  let current: number | undefined;
  try {
    current = (await client.getVdc(name)).revision.number;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }

  if (current === undefined) {
    const created = await client.createVdc(source.text, team);
    const revision = revisionNumber(created.revision);
    say(`created ${name}${revision ? ` (revision ${revision})` : ''}`);
    return { vdc: name, revision, created: true, changed: true };
  }

  try {
    const updated = await client.updateVdc(name, source.text, current);
    const revision = revisionNumber(updated.revision) ?? current;
    const changed = updated.changed ?? revision !== current;
    say(changed ? `updated ${name}: revision ${current} → ${revision}` : `no changes to ${name} (revision ${current})`);
    return { vdc: name, revision, created: false, changed };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'stale_revision') {
      const now = (error.body as { error?: { currentRevision?: number } } | undefined)?.error?.currentRevision;
      throw new CliError(`${name} was changed by someone else while applying${now ? ` (now revision ${now})` : ''}: run colo apply again`);
    }
    throw error;
  }
}
