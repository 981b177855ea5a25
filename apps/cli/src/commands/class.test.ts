import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { operation } from '../../test/fixtures';
import { runCli, tempDir } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const view = (prototype: unknown = null) => ({
  id: 'web-php',
  title: 'PHP web server',
  head: 2,
  versions: [
    {
      version: 2,
      source: 'committed',
      image: 'colo/web-php:2',
      head: true,
      note: 'php.ini: larger uploads',
      createdBy: 'hal@colo.test',
      createdAt: '2026-12-02T10:00:00.000Z',
      baseVersion: 1,
      usedBy: [{ vdc: 'shop', appliances: ['web'], containers: 3, pinned: false }],
      usedByOthers: 2,
    },
    { version: 1, source: 'stock', image: 'colo/web-php:1', head: false, note: '', createdBy: '', createdAt: null, baseVersion: null, usedBy: [{ vdc: 'old', appliances: ['web'], containers: 1, pinned: true }], usedByOthers: 0 },
  ],
  prototype,
});
const rollout = (deploys: unknown[]) => ({ classId: 'web-php', version: 3, deploys });
const finished = (status: string, error: unknown = null) => (_req: unknown, { id }: Record<string, string>) => ({
  body: { operation: operation({ id, kind: 'deploy', status, progress: 100, error }), logs: [] },
});

function scriptFile(text: string): string {
  const file = path.join(tempDir(), 'patch.sh');
  writeFileSync(file, text);
  return file;
}

describe('colo class', () => {
  it('lists classes, and one class\'s versions with the head, notes, authors and who uses each', async () => {
    server = await startFakeColo({
      'GET /classes': { body: { classes: [{ id: 'web-php', title: 'PHP web server', head: 2, versions: [1, 2] }, { id: 'redis', title: 'Redis', head: 1, versions: [1] }] } },
      'GET /classes/:id': { body: view({ version: 2, online: false, running: true }) },
    });
    const ls = await runCli(['class', 'ls'], { server });
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout.split('\n').slice(0, 3)).toEqual([expect.stringMatching(/^ID\s+TITLE\s+HEAD\s+VERSIONS$/), expect.stringMatching(/^web-php\s+PHP web server\s+2\s+1, 2$/), expect.stringMatching(/^redis\s+Redis\s+1\s+1$/)]);

    const res = await runCli(['class', 'versions', 'web-php'], { server, now: NOW });
    expect(res.code, res.stderr).toBe(0);
    const [title, head, two, one] = res.stdout.split('\n');
    expect(title).toBe('web-php (PHP web server): followers use version 2; a prototype of version 2 is open (offline)');
    expect(head).toMatch(/^VERSION\s+SOURCE\s+HEAD\s+NOTE\s+CREATED\s+USED BY$/);
    expect(two).toMatch(/^2\s+committed\s+head\s+php\.ini: larger uploads\s+hal@colo\.test, 2h ago\s+shop \(web, 3 containers\); 2 VDCs of others$/);
    expect(one).toMatch(/^1\s+stock\s+-\s+-\s+old \(web, 1 container, pinned\)$/);
    expect(server.calls()).toEqual(['GET /classes', 'GET /classes/web-php']);

    const json = await runCli(['class', 'versions', 'web-php', '--json'], { server });
    expect(JSON.parse(json.stdout).versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('opens a prototype, runs scripts in it (printing their output, exiting with their status) and discards it', async () => {
    server = await startFakeColo({
      'POST /classes/:id/prototype': { body: { classId: 'web-php', version: 1, online: false, running: true } },
      'POST /classes/:id/prototype/run': (req) => {
        const script = (req.body as { script: string }).script;
        return { body: script.includes('exit 3') ? { exitCode: 3, output: 'half done\n' } : { exitCode: 0, output: 'patched\nok\n' } };
      },
      'DELETE /classes/:id/prototype': { body: { classId: 'web-php', discarded: true } },
    });
    const open = await runCli(['class', 'prototype', 'web-php', '--from', '1', '--offline'], { server });
    expect(open.code, open.stderr).toBe(0);
    expect(open.stdout).toMatch(/^prototype of web-php@1 open \(offline\): change it with colo class run web-php -c SCRIPT/);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/classes/web-php/prototype', body: { version: 1, online: false } });

    const ran = await runCli(['class', 'run', 'web-php', '-c', 'echo patched > /tmp/x; echo ok'], { server });
    expect(ran).toMatchObject({ code: 0, stdout: 'patched\nok\n' });
    expect(server.requests[1].body).toEqual({ script: 'echo patched > /tmp/x; echo ok' });

    const bad = await runCli(['class', 'run', 'web-php', '-f', scriptFile('echo half done\nexit 3\n')], { server });
    expect(bad.code).toBe(3);
    expect(bad.stdout).toBe('half done\n');
    expect(bad.stderr).toMatch(/the script exited with status 3 \(what it changed stays in the prototype/);
    expect(server.requests[2].body).toEqual({ script: 'echo half done\nexit 3\n' });

    const json = await runCli(['class', 'run', 'web-php', '-f', '-', '--json'], { server, stdin: 'echo ok\n' });
    expect(JSON.parse(json.stdout)).toEqual({ exitCode: 0, output: 'patched\nok\n' });

    const gone = await runCli(['class', 'discard', 'web-php'], { server });
    expect(gone.stdout).toBe('discarded the prototype of web-php and what was changed in it\n');
    expect(server.calls().at(-1)).toBe('DELETE /classes/web-php/prototype');
  });

  it('commit -f opens the prototype, runs the script, commits, and follows each follower\'s deploy to the end', async () => {
    server = await startFakeColo({
      'GET /classes/:id': { body: view() },
      'POST /classes/:id/prototype': { body: { classId: 'web-php', version: 2, online: true, running: true } },
      'POST /classes/:id/prototype/run': { body: { exitCode: 0, output: '' } },
      'POST /classes/:id/versions': { status: 201, body: { classId: 'web-php', version: 3, image: 'colo/web-php:3', rollout: rollout([{ vdc: 'shop', operationId: 'op_a' }, { vdc: 'blog', operationId: 'op_b' }]) } },
      'GET /operations/:id': finished('succeeded'),
    });
    const file = scriptFile('sed -i s/2M/64M/ /etc/php.ini\n');
    const res = await runCli(['class', 'commit', 'web-php', '-m', 'larger uploads', '-f', file], { server });
    expect(res.code, res.stderr).toBe(0);
    expect(server.calls().filter((c) => !c.startsWith('GET /operations'))).toEqual([
      'GET /classes/web-php',
      'POST /classes/web-php/prototype',
      'POST /classes/web-php/prototype/run',
      'POST /classes/web-php/versions',
    ]);
    expect(server.requests[1].body).toEqual({ online: true });
    expect(server.requests[3].body).toEqual({ note: 'larger uploads', rollout: true });
    expect(server.calls()).toContain('GET /operations/op_a');
    expect(server.calls()).toContain('GET /operations/op_b');
    expect(res.stdout).toContain('opened the prototype of web-php@2 (online)');
    expect(res.stdout).toContain('committed web-php@3: it is the head; moving 2 followers onto it');
    expect(res.stdout).toMatch(/deploy of shop \(op_a\): replacing its replicas one at a time\n.*deploy succeeded/);

    // --json: one document with how each deploy ended.
    const json = await runCli(['class', 'commit', 'web-php', '--json'], { server });
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ classId: 'web-php', version: 3 });
    expect(doc.operations.map((o: { id: string; status: string }) => `${o.id} ${o.status}`)).toEqual(['op_a succeeded', 'op_b succeeded']);

    // An open prototype is used as it is; --no-rollout starts nothing.
    server.route('GET /classes/:id', { body: view({ version: 2, online: true, running: true }) });
    server.route('POST /classes/:id/versions', { status: 201, body: { classId: 'web-php', version: 3, image: 'x', rollout: rollout([]) } });
    const before = server.requests.length;
    const quiet = await runCli(['class', 'commit', 'web-php', '-f', file, '--no-rollout'], { server });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(server.calls().slice(before)).toEqual(['GET /classes/web-php', 'POST /classes/web-php/prototype/run', 'POST /classes/web-php/versions']);
    expect(server.requests.at(-1)?.body).toEqual({ rollout: false });
    expect(quiet.stdout).toMatch(/not rolled out \(--no-rollout\): followers move on their next deploy/);
  });

  it('commits nothing when the script fails, and exits non-zero when a follower\'s deploy fails or is refused', async () => {
    server = await startFakeColo({
      'GET /classes/:id': { body: view({ version: 2, online: true, running: true }) },
      'POST /classes/:id/prototype/run': { body: { exitCode: 2, output: 'sed: no such file\n' } },
      'POST /classes/:id/versions': { status: 201, body: { classId: 'web-php', version: 3, image: 'x', rollout: rollout([{ vdc: 'shop', operationId: 'op_a' }, { vdc: 'busy', refused: 'busy has an operation running' }]) } },
      'GET /operations/:id': finished('failed', 'start web-2: health check timed out'),
    });
    const bad = await runCli(['class', 'commit', 'web-php', '-f', scriptFile('sed -i x /nope\n')], { server });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sed: no such file\nerror: .*patch\.sh exited with status 2: nothing committed; the prototype stays open/);
    expect(server.calls()).not.toContain('POST /classes/web-php/versions');

    const res = await runCli(['class', 'commit', 'web-php', '-m', 'x'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/error: deploy op_a failed: start web-2: health check timed out/);
    expect(res.stderr).toMatch(/error: busy was not moved: busy has an operation running/);
    expect(res.stderr).toMatch(/2 followers of web-php did not move onto version 3/);
  });

  it('rolls back (to the version before the head, or --to N) following the deploys, and deletes a version', async () => {
    server = await startFakeColo({
      'POST /classes/:id/rollback': { status: 202, body: { classId: 'web-php', version: 1, previous: 2, rollout: { classId: 'web-php', version: 1, deploys: [{ vdc: 'shop', operationId: 'op_r' }] } } },
      'GET /operations/:id': finished('succeeded'),
      'DELETE /classes/:id/versions/:version': { body: { classId: 'web-php', version: 2, deleted: true } },
    });
    const back = await runCli(['class', 'rollback', 'web-php'], { server });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/^web-php: the head is version 1 again \(was 2\); moving 1 follower back onto it\n/);
    expect(server.requests[0].body).toEqual({});
    expect(server.calls()).toContain('GET /operations/op_r');
    expect((await runCli(['class', 'rollback', 'web-php', '--to', '1'], { server })).code).toBe(0);
    expect(server.requests.find((r, i) => i > 0 && r.path.endsWith('/rollback'))?.body).toEqual({ version: 1 });

    const rm = await runCli(['class', 'rm', 'web-php', '2'], { server });
    expect(rm.stdout).toBe('deleted web-php@2 and its image\n');
    expect(server.calls().at(-1)).toBe('DELETE /classes/web-php/versions/2');

    server.route('DELETE /classes/:id/versions/:version', apiError(400, 'bad_request', 'web-php@2 is in use by VDC old (web, pinned)'));
    const refused = await runCli(['class', 'rm', 'web-php', '2', '--json'], { server });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: web-php@2 is in use by VDC old \(web, pinned\)/);
    expect(JSON.parse(refused.stdout).error.code).toBe('bad_request');
  });

  it('refuses bad arguments before calling the server', async () => {
    server = await startFakeColo({});
    const cases: [string[], RegExp][] = [
      [['class', 'patch', 'web-php'], /unknown action "patch": use one of ls, versions, prototype, run, commit, discard, rollback, rm/],
      [['class', 'versions'], /versions needs ID \(the class; see: colo class ls\)/],
      [['class', 'ls', 'web-php'], /unexpected argument "web-php"/],
      [['class', 'run', 'web-php'], /run needs the script: -c SCRIPT or -f FILE/],
      [['class', 'run', 'web-php', '-c', 'true', '-f', 'x.sh'], /run needs the script: -c SCRIPT or -f FILE \(one of them\)/],
      [['class', 'prototype', 'web-php', '--from', 'two'], /--from "two" must be a version number/],
      [['class', 'prototype', 'web-php', '-m', 'x'], /--message does not apply to class prototype/],
      [['class', 'commit', 'web-php', '--from', '1'], /--from and --offline only apply with -f/],
      [['class', 'rollback', 'web-php', '--no-rollout'], /--no-rollout does not apply to class rollback/],
      [['class', 'rm', 'web-php'], /rm needs N, the version to delete/],
      [['class', 'rm', 'web-php', '0'], /N "0" must be a version number/],
      [['class', 'discard', 'web-php', '3'], /unexpected argument "3"/],
    ];
    for (const [argv, message] of cases) {
      const res = await runCli(argv, { server });
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.stderr, argv.join(' ')).toMatch(message);
    }
    const missing = await runCli(['class', 'run', 'web-php', '-f', path.join(tempDir(), 'none.sh')], { server });
    expect(missing.stderr).toMatch(/none\.sh: no such file/);
    expect(server.requests).toEqual([]);
  });
});
