// `colo upgrade NAME NEW -f FILE [--switch]`: upgrade a copy, never the original (SPEC §3).
// Clones NAME with all its data into NEW, makes FILE (the upgraded manifest) NEW's next revision
// under NEW's name and ports, deploys it, and then switches NAME's entries to NEW (--switch) or
// says how. NAME runs on untouched throughout: the rollback is switching the entries back.
import { parseDocument } from 'yaml';
import { type ColoClient, connect } from '../api-client';
import { type Operation, revisionNumber } from '@colo/api';
import { parseSeconds } from '../args';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { ApiError, CliError, UsageError } from '../errors';
import { plural } from '../format';
import { type ManifestSource, readManifest } from '../manifest-file';
import { followOperation } from '../operation-wait';
import { operationHint } from './lifecycle';

/**
 * FILE as NEW's revision: its name becomes NEW and each exposed port the clone moved (8080 → 8081)
 * moves the same way, so the copy never reaches for the original's ports. Comments are kept.
 */
export function asCopyManifest(source: ManifestSource, newName: string, ports: Record<string, number>): string {
  const doc = parseDocument(source.text);
  if (doc.errors.length > 0) throw new CliError(`${source.label}: not valid YAML or JSON: ${doc.errors[0].message.split('\n')[0]}`);
  if (!doc.contents || typeof doc.toJS() !== 'object' || Array.isArray(doc.toJS())) throw new CliError(`${source.label}: not a manifest (expected a mapping with name and appliances)`);
  doc.set('name', newName);
  const appliances = doc.toJS().appliances;
  if (Array.isArray(appliances)) {
    appliances.forEach((a: { expose?: { port?: unknown }[] }, i: number) => {
      (a?.expose ?? []).forEach((e, j) => {
        const moved = typeof e?.port === 'number' ? ports[String(e.port)] : undefined;
        if (moved !== undefined) doc.setIn(['appliances', i, 'expose', j, 'port'], moved);
      });
    });
  }
  return doc.toString();
}

export const upgrade = defineCommand({
  name: 'upgrade',
  summary: 'upgrade a copy: clone a VDC with its data, deploy the new manifest on the copy, then switch its entries (--switch)',
  usage: 'NAME NEW -f FILE [--switch] [--timeout SECONDS]',
  positionals: [
    { name: 'NAME', description: 'the VDC to upgrade (it keeps running, untouched)' },
    { name: 'NEW', description: 'the upgraded copy\'s name' },
  ],
  flags: {
    file: { type: 'string', short: 'f', value: 'FILE', description: 'the upgraded manifest (YAML or JSON; its name and ports are the copy\'s)' },
    switch: { type: 'boolean', description: 'once the copy is deployed, switch every entry pointing at NAME to it' },
    timeout: { type: 'string', value: 'SECONDS', description: 'give up waiting on any one step after this long (the step goes on)' },
  },
  examples: [
    '$ colo upgrade shop shop-v2 -f shop-v2.yaml --switch',
    'upgrading a copy of shop: clone shop-v2 with its data, deploy shop-v2.yaml on it, switch its entries',
    '[100%] clone succeeded in 6.2s',
    '[100%] deploy succeeded in 18.0s',
    'shop-v2 is at revision 2 (from shop-v2.yaml)',
    '[100%] deploy succeeded in 9.5s',
    '[100%] entry_switch succeeded in 1.3s',
    'entry www now points at shop-v2; roll back with: colo entry switch www shop',
  ],
  async run(ctx, { flags, positionals }) {
    const name = positionals.NAME ?? '';
    const next = positionals.NEW ?? '';
    if (name === next) throw new UsageError('NEW must differ from NAME: the upgrade goes to a copy', 'upgrade');
    const timeoutSeconds = parseSeconds(flags.timeout, '--timeout', 'upgrade');
    const source = await readManifest(ctx, flags.file, 'upgrade');
    const client = await connect(ctx);
    // Checked before anything starts, as if it were NAME's next revision: a broken file changes nothing.
    const verdict = await client.validate(asCopyManifest(source, name, {}));
    if (!verdict.ok) throw new ApiError(400, 'invalid_manifest', `${source.label} is invalid: ${plural(verdict.errors.length, 'error')}`, verdict.errors);
    const follow = (id: string, extra: Record<string, unknown>) => followOperation(ctx, client, id, { json: flags.json, timeoutSeconds, extra });
    const say = (line: string) => {
      if (!flags.json) ctx.out(line);
    };

    say(`upgrading a copy of ${name}: clone ${next} with its data, deploy ${source.label} on it${flags.switch ? ', switch its entries' : ''}`);
    const cloned = await start(client.clone(name, { name: next }), name);
    if ((await follow(cloned.id, { vdc: name, clone: next })) !== 0) return 1;
    const result = (await client.operation(cloned.id)).operation.result ?? {};
    const ports = (result.ports ?? {}) as Record<string, number>;
    if (typeof result.deployOperation === 'string' && (await follow(result.deployOperation, { vdc: next })) !== 0) {
      return failed(ctx, name, next, 'the copy did not deploy as it was');
    }

    const copy = await client.getVdc(next);
    const saved = await client.updateVdc(next, asCopyManifest(source, next, ports), copy.revision.number);
    say(`${next} is at revision ${revisionNumber(saved.revision) ?? '?'} (from ${source.label})`);
    const deployed = await start(client.deploy(next), next);
    if ((await follow(deployed.id, { vdc: next })) !== 0) return failed(ctx, name, next, 'the upgraded revision did not deploy');

    const { entries } = await client.entries();
    const mine = entries.filter((e) => e.vdc === name);
    for (const e of mine) {
      if (!flags.switch) {
        say(`entry ${e.name} still points at ${name}: switch it with: colo entry switch ${e.name} ${next} --wait`);
        continue;
      }
      const switched = await start(client.switchEntry(e.name, { vdc: next }), next);
      if ((await follow(switched.id, { entry: e.name, vdc: next })) !== 0) return failed(ctx, name, next, `entry ${e.name} did not switch (it still points at ${name})`);
      say(`entry ${e.name} now points at ${next}; roll back with: colo entry switch ${e.name} ${name}`);
    }
    if (mine.length === 0) say(`no entry points at ${name}; try ${next} on its own ports (colo status ${next}), or make one: colo entry create NAME --port PORT --vdc ${next}`);
    return 0;
  },
});

async function start(request: Promise<{ operation: Operation }>, name: string): Promise<Operation> {
  try {
    return (await request).operation;
  } catch (error) {
    throw operationHint(error, name);
  }
}

function failed(ctx: CliContext, name: string, next: string, what: string): number {
  ctx.err(`upgrade stopped: ${what}. ${name} was not touched; look at the copy (colo status ${next}), or remove it: colo destroy ${next} --purge --yes`);
  return 1;
}
