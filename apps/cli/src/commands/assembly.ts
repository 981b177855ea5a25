// `colo assembly ls|show|save|share|rm`: reusable boxes of appliances. `save` sends a definition
// file (the form `show --yaml` prints), making version 1 or the next version of your own; `share`
// decides who else may place it; a VDC places one as `class: ID@VERSION`.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Assembly } from '@colo/api';
import { parse, stringify } from 'yaml';
import { connect } from '../api-client';
import { assemblyApi } from '../assembly-api';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { CliError, UsageError } from '../errors';
import { ago } from '../format';
import { readInputFile } from '../manifest-file';
import { renderTable } from '../table';
import { confirmOrRefuse } from './lifecycle';

const ACTIONS = ['ls', 'show', 'save', 'share', 'rm', 'export', 'import'] as const;
type Action = (typeof ACTIONS)[number];
const MAX_DEFINITION_BYTES = 1024 * 1024;

function need(value: string | undefined, what: string, action: Action): string {
  if (!value) throw new UsageError(`${action} needs ${what}`, 'assembly');
  return value;
}

function versionArg(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new UsageError(`--version "${raw}" must be a version number (1, 2, …)`, 'assembly');
  return Number(raw);
}

/** `--private`, `--publish` or `--with a@x.org,b@y.org`: exactly one. */
export function sharingArg(flags: { private?: boolean; publish?: boolean; with?: string }) {
  const chosen = [flags.private && '--private', flags.publish && '--publish', flags.with !== undefined && '--with'].filter(Boolean);
  if (chosen.length !== 1) throw new UsageError('share needs exactly one of --private, --publish or --with EMAIL[,EMAIL…]', 'assembly');
  if (flags.private) return { visibility: 'private' as const };
  if (flags.publish) return { visibility: 'published' as const };
  const users = (flags.with ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (users.length === 0) throw new UsageError('--with needs at least one e-mail address', 'assembly');
  return { visibility: 'shared' as const, users };
}

function usedBy(a: Assembly): string {
  if (a.usedBy.length === 0) return '-';
  return a.usedBy.map((u) => `${u.vdc}@${u.version}`).join(', ');
}

export const assemblyCommand = defineCommand({
  name: 'assembly',
  summary: 'reusable boxes of appliances: list, show, save a definition as a new version, share, delete, export to / import from a .colo.yaml',
  usage:
    'ls | show ID [--version N] [--yaml] | save FILE [--note TEXT] | share ID (--private | --publish | --with EMAIL[,EMAIL…]) | rm ID [--yes] | export ID [--version N] [-o FILE] | import FILE',
  positionals: [
    { name: 'ACTION', description: 'ls, show, save, share or rm' },
    { name: 'ID', description: 'the assembly (save, import: the file, or - for stdin)', optional: true },
  ],
  flags: {
    version: { type: 'string', value: 'N', description: 'show, export: that version instead of the newest' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'export: write the bundle there (not over an existing file)' },
    yaml: { type: 'boolean', description: 'show: print the definition as YAML (edit it, then save it as the next version)' },
    note: { type: 'string', value: 'TEXT', description: 'save: what changed in this version' },
    private: { type: 'boolean', description: 'share: only you see it' },
    publish: { type: 'boolean', description: 'share: everyone on this Colo may place it' },
    with: { type: 'string', value: 'EMAILS', description: 'share: these users (comma-separated e-mails) may place it' },
    yes: { type: 'boolean', short: 'y', description: 'rm: do not ask for confirmation' },
  },
  examples: [
    '$ colo assembly show web-tier --yaml > web-tier.yaml   # edit it, then:',
    '$ colo assembly save web-tier.yaml --note "3 web replicas"',
    'saved assembly web-tier version 2 (VDCs on version 1 keep it until their box is upgraded)',
    '$ colo assembly share web-tier --with ann@example.com,bo@example.com',
    '$ colo assembly share web-tier --publish',
    '$ colo assembly export web-tier -o web-tier.colo.yaml   # on another Colo: colo assembly import web-tier.colo.yaml',
    '# in a manifest: - { name: shop, class: web-tier@2, expose: [{ terminal: http, port: 8080 }] }',
  ],
  async run(ctx, { flags, positionals }) {
    const action = positionals.ACTION as Action;
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${positionals.ACTION}": use one of ${ACTIONS.join(', ')}`, 'assembly');
    const id = positionals.ID;
    if (action === 'ls' && id) throw new UsageError('too many arguments for assembly ls', 'assembly');
    if (action !== 'show' && flags.yaml) throw new UsageError('--yaml only applies to show', 'assembly');
    if (action !== 'show' && action !== 'export' && flags.version !== undefined) throw new UsageError('--version only applies to show and export', 'assembly');
    if (action !== 'export' && flags.output !== undefined) throw new UsageError('-o only applies to export', 'assembly');
    if (action !== 'save' && flags.note !== undefined) throw new UsageError('--note only applies to save', 'assembly');
    if (action !== 'share' && (flags.private || flags.publish || flags.with !== undefined)) {
      throw new UsageError('--private, --publish and --with only apply to share', 'assembly');
    }
    const api = assemblyApi(await connect(ctx));
    switch (action) {
      case 'ls':
        return list(ctx, api, flags.json);
      case 'show':
        return show(ctx, api, need(id, 'ID', action), versionArg(flags.version), flags);
      case 'save':
        return save(ctx, api, need(id, 'FILE (the definition, or - for stdin)', action), flags.note, flags.json);
      case 'share': {
        const { assembly } = await api.share(need(id, 'ID', action), sharingArg(flags));
        if (flags.json) ctx.out(JSON.stringify({ assembly }, null, 2));
        else ctx.out(`assembly ${assembly.id}: ${visibilityText(assembly)}`);
        return 0;
      }
      case 'export':
        return exportAssembly(ctx, api, need(id, 'ID', action), versionArg(flags.version), flags.output, flags.json);
      case 'import': {
        const source = await readInputFile(ctx, need(id, 'FILE (the .colo.yaml, or - for stdin)', action), { noun: 'bundle', maxBytes: MAX_DEFINITION_BYTES, tooBig: 'larger than 1 MiB, not a bundle' });
        const answer = await api.importBundle(source.text);
        if (flags.json) ctx.out(JSON.stringify(answer, null, 2));
        else {
          for (const line of answer.report) ctx.out(line);
          ctx.out(`assembly ${answer.assembly.id} version ${answer.assembly.version} is ready to place (class: ${answer.assembly.id}@${answer.assembly.version})`);
        }
        return 0;
      }
      case 'rm': {
        const target = need(id, 'ID', action);
        await confirmOrRefuse(ctx, {
          yes: flags.yes,
          command: 'assembly',
          what: `delete assembly ${target}`,
          question: `delete assembly ${target}? it leaves every catalog; VDCs that place it keep working [y/N] `,
          cancelled: 'cancelled: nothing was changed',
        });
        const answer = await api.remove(target);
        ctx.out(flags.json ? JSON.stringify(answer, null, 2) : `deleted assembly ${target} (VDCs that place it keep their version)`);
        return 0;
      }
    }
  },
});

type Api = ReturnType<typeof assemblyApi>;

async function exportAssembly(ctx: CliContext, api: Api, id: string, version: number | undefined, output: string | undefined, json: boolean): Promise<number> {
  const answer = await api.exportBundle(id, version);
  if (json) {
    ctx.out(JSON.stringify(answer, null, 2));
    return 0;
  }
  if (!output) {
    ctx.out(answer.text.trimEnd());
    return 0;
  }
  const file = path.resolve(ctx.cwd, output);
  if (existsSync(file)) {
    ctx.err(`error: ${output} exists; it was left as it is`);
    return 1;
  }
  await writeFile(file, answer.text, { flag: 'wx' });
  const from = answer.bundle.from as { assembly?: string; version?: number } | undefined;
  ctx.out(`wrote ${output} (assembly ${from?.assembly ?? id}, version ${from?.version ?? '?'})`);
  return 0;
}

function visibilityText(a: Assembly): string {
  if (a.visibility === 'published') return 'published to everyone on this Colo';
  if (a.visibility === 'shared') {
    const who = (a.sharedWith ?? []).map((u) => u.email || u.name).join(', ');
    return `shared with ${who || 'nobody yet'}`;
  }
  return 'private (only you)';
}

async function list(ctx: CliContext, api: Api, json: boolean): Promise<number> {
  const { assemblies } = await api.list();
  if (json) {
    ctx.out(JSON.stringify({ assemblies }, null, 2));
    return 0;
  }
  if (assemblies.length === 0) {
    ctx.out('no assemblies yet (save one: colo assembly save FILE, or "Save as assembly" in the editor)');
    return 0;
  }
  const rows = assemblies.map((a) => [a.id, a.title, String(a.version), a.visibility, a.mine ? 'you' : a.owner.email || a.owner.name, usedBy(a)]);
  for (const l of renderTable(['ID', 'TITLE', 'VERSION', 'VISIBILITY', 'OWNER', 'USED BY'], rows)) ctx.out(l);
  return 0;
}

async function show(ctx: CliContext, api: Api, id: string, version: number | undefined, flags: { yaml: boolean; json: boolean }): Promise<number> {
  const { assembly } = await api.get(id);
  const definition = version === undefined || version === assembly.version ? assembly.definition : (await api.version(id, version)).definition;
  if (flags.yaml) {
    ctx.out(stringify(definition).trimEnd());
    return 0;
  }
  if (flags.json) {
    ctx.out(JSON.stringify({ assembly: { ...assembly, definition } }, null, 2));
    return 0;
  }
  const d = definition as { appliances?: { name: string; class: string }[]; terminals?: { name: string; endpoint: string }[]; properties?: { name: string; target: string }[] };
  ctx.out(`${assembly.id}: ${assembly.title} (version ${version ?? assembly.version} of ${assembly.version})`);
  if (assembly.description) ctx.out(assembly.description);
  ctx.out(`owner: ${assembly.mine ? 'you' : assembly.owner.email || assembly.owner.name}; ${assembly.mine ? visibilityText(assembly) : assembly.visibility}`);
  ctx.out(`appliances: ${(d.appliances ?? []).map((a) => `${a.name} (${a.class})`).join(', ')}`);
  ctx.out(`terminals: ${(d.terminals ?? []).map((t) => `${t.name} → ${t.endpoint}`).join(', ') || 'none'}`);
  ctx.out(`properties: ${(d.properties ?? []).map((p) => `${p.name} → ${p.target}`).join(', ') || 'none'}`);
  const now = ctx.now();
  for (const v of assembly.versions) ctx.out(`  v${v.version}  ${v.createdAt ? ago(v.createdAt, now) : ''}  ${v.note}`.trimEnd());
  if (assembly.usedBy.length > 0) ctx.out(`used by: ${usedBy(assembly)}`);
  return 0;
}

async function save(ctx: CliContext, api: Api, file: string, note: string | undefined, json: boolean): Promise<number> {
  const source = await readInputFile(ctx, file, { noun: 'assembly definition', maxBytes: MAX_DEFINITION_BYTES, tooBig: 'larger than 1 MiB, not an assembly' });
  let value: unknown;
  try {
    value = parse(source.text, { maxAliasCount: 100 });
  } catch (err) {
    throw new CliError(`${source.label}: not YAML or JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${source.label}: an assembly definition is a mapping with id, title, appliances, terminals…`);
  }
  const saved = await api.save(value as Record<string, unknown>, note);
  if (json) ctx.out(JSON.stringify(saved, null, 2));
  else {
    const older = saved.version > 1 ? ` (VDCs on version ${saved.version - 1} or older keep theirs until their box is upgraded)` : '';
    ctx.out(`saved assembly ${saved.id} version ${saved.version}${older}`);
    ctx.out(`place it in a manifest as: class: ${saved.id}@${saved.version}`);
  }
  return 0;
}
