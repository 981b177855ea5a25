import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli, tempDir } from '../../test/run-cli';
import { defaultVdcName } from './compose';

let server: FakeColo;
afterEach(() => server?.close());

const COMPOSE = 'services:\n  db:\n    image: postgres:16\n    environment: { POSTGRES_PASSWORD: x }\n';
const REPORT = [
  { service: 'db', key: 'image', severity: 'mapped', message: 'image postgres:16 becomes class postgres (PostgreSQL 15); the tag is not used' },
  { service: 'db', key: 'environment.POSTGRES_PASSWORD', severity: 'dropped', message: 'the given secret is not carried over' },
];

function writeCompose(folder = 'shop', text = COMPOSE): string {
  const dir = path.join(tempDir(), folder);
  mkdirSync(dir);
  const file = path.join(dir, 'docker-compose.yml');
  writeFileSync(file, text);
  return file;
}

describe('colo compose import', () => {
  it('sends the file under the folder name and prints the report table and the VDC made', async () => {
    server = await startFakeColo({ 'POST /compose/import': { status: 201, body: { vdc: { name: 'shop' }, revision: { number: 1 }, report: REPORT, warnings: [] } } });
    const res = await runCli(['compose', 'import', writeCompose()], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'SERVICE  KEY                            RESULT   WHAT HAPPENED',
        'db       image                          mapped   image postgres:16 becomes class postgres (PostgreSQL 15); the tag is not used',
        'db       environment.POSTGRES_PASSWORD  dropped  the given secret is not carried over',
        'created VDC shop (revision 1), not deployed',
        '',
      ].join('\n'),
    );
    expect(server.requests).toMatchObject([{ method: 'POST', path: '/compose/import', body: { name: 'shop', compose: COMPOSE } }]);
  });

  it('with --dry-run prints the manifest on stdout and the report on stderr', async () => {
    const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'cache', appliances: [{ name: 'db', class: 'postgres' }], connections: [] };
    server = await startFakeColo({ 'POST /compose/import': { body: { manifest, report: REPORT, errors: [], warnings: [] } } });
    const res = await runCli(['compose', 'import', '-', '--name', 'cache', '--dry-run'], { server, stdin: COMPOSE });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^apiVersion: colo\/v1\nkind: VDC\nname: cache\nappliances:\n {2}- name: db\n {4}class: postgres\n/);
    expect(res.stderr).toContain('environment.POSTGRES_PASSWORD');
    expect(server.requests[0].body).toEqual({ name: 'cache', compose: COMPOSE, dryRun: true });
  });

  it('prints every reason of a refused file and exits 1', async () => {
    server = await startFakeColo({
      'POST /compose/import': apiError(400, 'bad_request', 'the compose file was refused, nothing was created: services.web.privileged: asks for a privileged container (and 1 more)', {
        issues: [
        { path: 'services.web.privileged', message: 'asks for a privileged container, which is root on the host', severity: 'error' },
        { path: 'services.web.volumes', message: 'mounts the Docker socket', severity: 'error' },
        ],
      }),
    });
    const res = await runCli(['compose', 'import', writeCompose('bad')], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('error: the compose file was refused, nothing was created');
    expect(res.stderr).toContain('services.web.privileged: asks for a privileged container, which is root on the host');
    expect(res.stderr).toContain('services.web.volumes: mounts the Docker socket');
  });

  it('needs --name for stdin, and an import action, before calling the server', async () => {
    server = await startFakeColo({});
    expect((await runCli(['compose', 'import', '-'], { server, stdin: COMPOSE })).stderr).toMatch(/--name NAME is needed/);
    expect((await runCli(['compose', 'export', 'x.yml'], { server })).code).toBe(2);
    expect(server.requests).toEqual([]);
  });

  it('names the VDC like Compose names a project', () => {
    expect(defaultVdcName('/srv/My_Shop/docker-compose.yml', '/')).toBe('my-shop');
    expect(defaultVdcName('compose.yaml', '/home/me/blog')).toBe('blog');
    expect(defaultVdcName('stack.prod.yml', '/')).toBe('stack-prod');
    expect(defaultVdcName('-', '/')).toBeUndefined();
  });
});
