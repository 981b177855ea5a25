// `colo class ls|versions|prototype|run|commit|discard|rollback|rm`: class versions (SPEC §3,
// class patch). Open a class's prototype, change it with scripts run as root, commit it as the
// next version (the head), and follow the deploys that move every follower onto it replica by
// replica; roll back the same way; delete a version nobody uses.
import type { ColoClient } from '../api-client';
import { connect } from '../api-client';
import { parseSeconds } from '../args';
import { type ClassVersion, type Rollout, classApi } from '../class-api';
import { defineCommand } from '../command';
import type { CliContext } from '../context';
import { CliError, UsageError } from '../errors';
import { readInputFile } from '../manifest-file';
import { ago, plural } from '../format';
import { followOperation } from '../operation-wait';
import { renderTable } from '../table';

const ACTIONS = ['ls', 'versions', 'prototype', 'run', 'commit', 'discard', 'rollback', 'rm'] as const;
type Action = (typeof ACTIONS)[number];

/** Which of the verb's own flags each action takes; any other is a usage error, not silently ignored. */
const FLAGS_OF: Record<Action, string[]> = {
  ls: [],
  versions: [],
  prototype: ['from', 'offline'],
  run: ['command', 'file'],
  commit: ['message', 'file', 'from', 'offline', 'no-rollout', 'timeout'],
  discard: [],
  rollback: ['to', 'timeout'],
  rm: [],
};

const OWN_FLAGS = ['from', 'offline', 'command', 'file', 'message', 'no-rollout', 'to', 'timeout'];

/** A script is sent in one request; the server takes at most 64 KiB. */
const MAX_SCRIPT_BYTES = 64 * 1024;

export function versionArg(raw: string | undefined, what: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new UsageError(`${what} "${raw}" must be a version number (1, 2, …)`, 'class');
  return Number(raw);
}

/** `shop (web, 3 containers)`, `old (box, pinned)`, `+2 VDCs of others`: who runs a version. */
export function usedByText(v: Pick<ClassVersion, 'usedBy' | 'usedByOthers'>): string {
  const mine = v.usedBy.map((u) => {
    const bits = [u.appliances.join(', '), u.containers > 0 ? plural(u.containers, 'container') : '', u.pinned ? 'pinned' : ''].filter(Boolean);
    return bits.length ? `${u.vdc} (${bits.join(', ')})` : u.vdc;
  });
  if (v.usedByOthers > 0) mine.push(`${plural(v.usedByOthers, 'VDC')} of others`);
  return mine.join('; ');
}

export const classCommand = defineCommand({
  name: 'class',
  summary: 'class versions: patch a class in its prototype, commit the next version, roll followers onto it or back',
  usage:
    'ls | versions ID | prototype ID [--from N] [--offline] | run ID (-c SCRIPT | -f FILE) | commit ID [-m NOTE] [-f SCRIPT_FILE] [--from N] [--no-rollout] | discard ID | rollback ID [--to N] | rm ID N',
  positionals: [
    { name: 'ACTION', description: 'ls, versions, prototype, run, commit, discard, rollback or rm' },
    { name: 'ID', description: 'the class (web-php, postgres, …)', optional: true },
    { name: 'N', description: 'rm: the version to delete', optional: true },
  ],
  flags: {
    from: { type: 'string', value: 'N', description: 'prototype, commit -f: open the prototype from version N (the head unless told)' },
    offline: { type: 'boolean', description: 'prototype, commit -f: open it without network access' },
    command: { type: 'string', short: 'c', value: 'SCRIPT', description: 'run: the shell script to run in the prototype as root' },
    file: { type: 'string', short: 'f', value: 'FILE', description: 'run: a script file (- for stdin); commit: open the prototype if needed, run it, commit only if it succeeds' },
    message: { type: 'string', short: 'm', value: 'NOTE', description: 'commit: what the new version changes' },
    'no-rollout': { type: 'boolean', description: 'commit: make it the head but start no deploys (followers move on their next deploy)' },
    to: { type: 'string', value: 'N', description: 'rollback: the version to go back to (the one before the head unless told)' },
    timeout: { type: 'string', value: 'SECONDS', description: 'commit, rollback: give up following a deploy after this long (it goes on)' },
  },
  examples: [
    '$ colo class commit web-php -m "php.ini: larger uploads" -f patch.sh',
    'opened the prototype of web-php@1 (online)',
    'patch.sh exited 0 in the prototype',
    'committed web-php@2: it is the head; moving 1 follower onto it',
    'deploy of shop (op_7fd…): replacing its replicas one at a time',
    '[100%] deploy succeeded in 24.1s',
    '$ colo class versions web-php',
    'VERSION  SOURCE     HEAD  NOTE                     CREATED                USED BY',
    '2        committed  head  php.ini: larger uploads  hal@colo.test, 2m ago  shop (web, 3 containers)',
    '1        stock            -                        -                      old (web, 1 container, pinned)',
    '$ colo class rollback web-php',
    '$ colo class rm web-php 2',
  ],
  async run(ctx, { flags, positionals }) {
    const action = positionals.ACTION as Action;
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${positionals.ACTION}": use one of ${ACTIONS.join(', ')}`, 'class');
    const stray = OWN_FLAGS.find((f) => isSet((flags as Record<string, unknown>)[f]) && !FLAGS_OF[action].includes(f));
    if (stray) throw new UsageError(`--${stray} does not apply to class ${action}`, 'class');
    const id = positionals.ID;
    if (action !== 'ls' && !id) throw new UsageError(`${action} needs ID (the class; see: colo class ls)`, 'class');
    if (action !== 'rm' && positionals.N !== undefined) throw new UsageError(`unexpected argument "${positionals.N}"`, 'class');
    if (action === 'ls' && id) throw new UsageError(`unexpected argument "${id}"`, 'class');
    const classId = id ?? '';
    const say = (line: string) => {
      if (!flags.json) ctx.out(line);
    };
    const print = (answer: unknown, line: string) => (flags.json ? ctx.out(JSON.stringify(answer, null, 2)) : ctx.out(line));

    switch (action) {
      case 'ls':
        return list(ctx, await classApi.list(await connect(ctx)), flags.json);
      case 'versions':
        return versions(ctx, await classApi.view(await connect(ctx), classId), flags.json);
      case 'prototype': {
        const from = versionArg(flags.from, '--from');
        const proto = await classApi.openPrototype(await connect(ctx), classId, { ...(from ? { version: from } : {}), online: !flags.offline });
        print(proto, `prototype of ${classId}@${proto.version} open (${proto.online ? 'online' : 'offline'}): change it with colo class run ${classId} -c SCRIPT, then colo class commit ${classId} -m NOTE`);
        return 0;
      }
      case 'run': {
        if ((flags.command === undefined) === (flags.file === undefined)) throw new UsageError('run needs the script: -c SCRIPT or -f FILE (one of them)', 'class');
        const script = flags.command ?? (await readScript(ctx, flags.file as string));
        const res = await classApi.run(await connect(ctx), classId, script);
        if (flags.json) ctx.out(JSON.stringify(res, null, 2));
        else if (res.output) ctx.out(res.output.replace(/\n$/, ''));
        if (res.exitCode !== 0) ctx.err(`the script exited with status ${res.exitCode} (what it changed stays in the prototype; start over with: colo class discard ${classId})`);
        return exitStatus(res.exitCode);
      }
      case 'commit': {
        const from = versionArg(flags.from, '--from');
        if ((from !== undefined || flags.offline) && flags.file === undefined) throw new UsageError('--from and --offline only apply with -f (commit opens the prototype only to run a script)', 'class');
        const client = await connect(ctx);
        if (flags.file !== undefined) {
          const script = await readScript(ctx, flags.file);
          const view = await classApi.view(client, classId);
          if (view.prototype && from !== undefined && view.prototype.version !== from) {
            throw new CliError(`class ${classId} has a prototype of version ${view.prototype.version} open, not ${from}: commit or discard it first (colo class discard ${classId})`);
          }
          if (!view.prototype) {
            const proto = await classApi.openPrototype(client, classId, { ...(from ? { version: from } : {}), online: !flags.offline });
            say(`opened the prototype of ${classId}@${proto.version} (${proto.online ? 'online' : 'offline'})`);
          }
          const label = flags.file === '-' ? 'the script' : flags.file;
          const res = await classApi.run(client, classId, script);
          if (res.exitCode !== 0) {
            if (res.output) ctx.err(res.output.replace(/\n$/, ''));
            if (flags.json) ctx.out(JSON.stringify({ classId, committed: false, run: res }, null, 2));
            ctx.err(`error: ${label} exited with status ${res.exitCode}: nothing committed; the prototype stays open (fix it and run again, or: colo class discard ${classId})`);
            return exitStatus(res.exitCode);
          }
          say(`${label} exited 0 in the prototype`);
        }
        const note = flags.message;
        const answer = await classApi.commit(client, classId, { ...(note !== undefined ? { note } : {}), rollout: !flags['no-rollout'] });
        const followers = answer.rollout.deploys.length;
        say(
          flags['no-rollout']
            ? `committed ${classId}@${answer.version}: it is the head; not rolled out (--no-rollout): followers move on their next deploy`
            : `committed ${classId}@${answer.version}: it is the head; ${followers ? `moving ${plural(followers, 'follower')} onto it` : 'no running VDC follows the class (stopped ones move on their next deploy)'}`,
        );
        return followRollout(ctx, client, answer, answer.rollout, { json: flags.json, timeoutSeconds: parseSeconds(flags.timeout, '--timeout', 'class') });
      }
      case 'discard': {
        const answer = await classApi.discardPrototype(await connect(ctx), classId);
        print(answer, `discarded the prototype of ${classId} and what was changed in it`);
        return 0;
      }
      case 'rollback': {
        const to = versionArg(flags.to, '--to');
        const client = await connect(ctx);
        const answer = await classApi.rollback(client, classId, to ? { version: to } : {});
        const n = answer.rollout.deploys.length;
        say(`${classId}: the head is version ${answer.version} again (was ${answer.previous}); ${n ? `moving ${plural(n, 'follower')} back onto it` : 'no running VDC follows the class'}`);
        return followRollout(ctx, client, answer, answer.rollout, { json: flags.json, timeoutSeconds: parseSeconds(flags.timeout, '--timeout', 'class') });
      }
      case 'rm': {
        const n = versionArg(positionals.N, 'N');
        if (n === undefined) throw new UsageError(`rm needs N, the version to delete (see: colo class versions ${classId})`, 'class');
        const answer = await classApi.deleteVersion(await connect(ctx), classId, n);
        print(answer, `deleted ${classId}@${n} and its image`);
        return 0;
      }
    }
  },
});

function isSet(value: unknown): boolean {
  return value !== undefined && value !== false;
}

/** A shell's exit status is 0–255; anything the server reports outside that still means failure. */
function exitStatus(code: number): number {
  return code >= 0 && code <= 255 ? code : 1;
}

async function readScript(ctx: CliContext, file: string): Promise<string> {
  const { text } = await readInputFile(ctx, file, { noun: 'script', maxBytes: MAX_SCRIPT_BYTES, tooBig: 'larger than 64 KiB; copy big files in from a script instead' });
  return text;
}

/**
 * Follows each deploy the rollout started (they run side by side, one per VDC; each replaces its
 * replicas one at a time) and exits 1 if any failed or was refused. With --json, one document
 * at the end: the answer plus how each operation ended.
 */
async function followRollout(
  ctx: CliContext,
  client: ColoClient,
  answer: Record<string, unknown>,
  rollout: Rollout,
  options: { json: boolean; timeoutSeconds?: number },
): Promise<number> {
  let failed = 0;
  const operations: unknown[] = [];
  const quiet: CliContext = { ...ctx, out: () => {} };
  for (const d of rollout.deploys) {
    if (!d.operationId) {
      failed++;
      ctx.err(`error: ${d.vdc} was not moved: ${d.refused ?? 'no deploy started'} (it moves on its next deploy: colo apply, or the web's Deploy)`);
      continue;
    }
    if (!options.json) ctx.out(`deploy of ${d.vdc} (${d.operationId}): replacing its replicas one at a time`);
    const code = await followOperation(options.json ? quiet : ctx, client, d.operationId, { json: false, timeoutSeconds: options.timeoutSeconds });
    if (code !== 0) failed++;
    if (options.json) operations.push((await client.operation(d.operationId)).operation);
  }
  if (options.json) ctx.out(JSON.stringify({ ...answer, operations }, null, 2));
  else if (failed > 0) ctx.err(`${plural(failed, 'follower')} of ${rollout.classId} did not move onto version ${rollout.version}`);
  return failed > 0 ? 1 : 0;
}

function list(ctx: CliContext, answer: { classes: { id: string; title?: string | null; head: number; versions: number[] }[] }, json: boolean): number {
  if (json) {
    ctx.out(JSON.stringify(answer, null, 2));
    return 0;
  }
  const rows = answer.classes.map((c) => [c.id, c.title, String(c.head), c.versions.join(', ')]);
  for (const l of renderTable(['ID', 'TITLE', 'HEAD', 'VERSIONS'], rows)) ctx.out(l);
  return 0;
}

function versions(ctx: CliContext, view: Awaited<ReturnType<typeof classApi.view>>, json: boolean): number {
  if (json) {
    ctx.out(JSON.stringify(view, null, 2));
    return 0;
  }
  const proto = view.prototype;
  ctx.out(
    `${view.id}${view.title ? ` (${view.title})` : ''}: followers use version ${view.head}; ${
      proto ? `a prototype of version ${proto.version} is open (${proto.online ? 'online' : 'offline'}${proto.running ? '' : ', stopped'})` : 'no prototype open'
    }`,
  );
  const now = ctx.now();
  const rows = view.versions.map((v) => [
    String(v.version),
    v.source,
    v.head ? 'head' : '',
    v.note,
    v.source === 'stock' ? '' : [v.createdBy, v.createdAt ? ago(v.createdAt, now) : ''].filter(Boolean).join(', '),
    usedByText(v),
  ]);
  // An empty head cell would read "-" like a missing value; a blank says "not the head".
  for (const l of renderTable(['VERSION', 'SOURCE', 'HEAD', 'NOTE', 'CREATED', 'USED BY'], rows.map((r) => [r[0], r[1], r[2] || ' ', ...r.slice(3)]))) ctx.out(l);
  return 0;
}
