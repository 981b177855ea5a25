// An assembly saved with the real `colo` CLI, placed as one box in a VDC, deployed, and answering
// HTTP on 127.0.0.1 through the box's boundary terminal; a new version of the assembly changes
// nothing in the VDC until the box is upgraded, and then the interior follows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { colo, explainVdc, freePort, vdcContainers, waitFor } from './harness';
import { type Colo, startColo } from './setup';

let c: Colo;
let dir: string;
let port: number;

function definition(webReplicas: number, note: string) {
  return {
    id: 'edge-web',
    title: 'Balanced static web',
    description: note,
    appliances: [
      { name: 'lb', class: 'halb' },
      { name: 'web', class: 'web-static', replicas: webReplicas },
    ],
    connections: [{ from: 'lb.out', to: 'web.in' }],
    terminals: [{ name: 'http', endpoint: 'lb.in' }],
    properties: [{ name: 'cache', target: 'web.cacheSeconds', label: 'Cache seconds', default: 60 }],
  };
}

function vdc(classRef: string) {
  return {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'boxed-site',
    appliances: [{ name: 'site', class: classRef, properties: { cache: 120 }, expose: [{ terminal: 'http', port }] }],
  };
}

function write(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, stringify(value));
  return file;
}

async function run(args: string[]) {
  const res = await colo(args, c.env);
  expect(res.code, `colo ${args.join(' ')}\n${res.stderr}${res.stdout}${c.worker.output()}`).toBe(0);
  return res.stdout;
}

/** The X-Colo-Host of `n` answers and their Cache-Control. */
async function hosts(n: number): Promise<{ hosts: Set<string>; cache: string }> {
  const seen = new Set<string>();
  let cache = '';
  for (let i = 0; i < n; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
    await res.text();
    if (!res.ok) throw new Error(`GET → ${res.status}`);
    seen.add(res.headers.get('x-colo-host') ?? '');
    cache = res.headers.get('cache-control') ?? '';
  }
  return { hosts: seen, cache };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'colo-assembly-'));
  port = await freePort();
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

describe('an assembly as one box, deployed', () => {
  let vdcId = '';

  it('saves, places, deploys and answers through the box', async () => {
    expect(await run(['assembly', 'save', write('v1.yaml', definition(2, 'two web servers')), '--note', 'first'])).toContain('saved assembly edge-web version 1');
    expect(await run(['assembly', 'ls'])).toMatch(/edge-web\s+Balanced static web\s+1\s+private\s+you/);

    await run(['apply', '-f', write('vdc.yaml', vdc('edge-web')), '--wait']);
    const status = JSON.parse(await run(['status', 'boxed-site', '--json']));
    vdcId = status.vdc.id;
    const names = (status.appliances as { name: string; assembly?: string }[]).map((a) => `${a.name}<${a.assembly}`).sort();
    expect(names).toEqual(['site-lb<site', 'site-web<site']);
    const got = await waitFor('both web replicas behind the box', async () => {
      const r = await hosts(12);
      return r.hosts.size === 2 ? r : undefined;
    }, 120_000, 1000, () => explainVdc(vdcId));
    // The box's property reached the interior appliance it exposes.
    expect(got.cache).toBe('public, max-age=120');
    // Stored pinned: a later version changes nothing here until the box is upgraded.
    expect(await run(['assembly', 'show', 'edge-web'])).toContain('used by: boxed-site@1');
  });

  it('a new version leaves the VDC alone until its box is upgraded', async () => {
    expect(await run(['assembly', 'save', write('v2.yaml', definition(3, 'three web servers'))])).toContain('version 2');
    const plan = await run(['plan', '-f', write('same.yaml', vdc('edge-web@1'))]);
    expect(plan).toMatch(/no changes|nothing to do|up to date/i);
    await run(['apply', '-f', write('upgraded.yaml', vdc('edge-web@2')), '--wait']);
    expect(await vdcContainers(vdcId, 'site-web')).toHaveLength(3);
    await waitFor('three web replicas behind the box', async () => ((await hosts(18)).hosts.size === 3 ? true : undefined), 120_000, 1000, () => explainVdc(vdcId));
  });

  it('an entry points at the box\'s terminal', async () => {
    const entryPort = await freePort();
    await run(['entry', 'create', 'boxed', '--port', String(entryPort), '--vdc', 'boxed-site', '--target', 'site.http', '--wait']);
    const res = await fetch(`http://127.0.0.1:${entryPort}/`, { headers: { connection: 'close' } });
    await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-colo-host')).toMatch(/site-web/);
    await run(['entry', 'rm', 'boxed', '--yes', '--wait']);
  });

  it('refuses bad definitions with the reason, and cleans up', async () => {
    const bad = await colo(['assembly', 'save', write('bad.yaml', { ...definition(1, ''), terminals: [{ name: 'http', endpoint: 'lb.nope' }] })], c.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('terminals[0].endpoint');
    expect(bad.stderr).toContain('has no terminal "nope"');
    await run(['destroy', 'boxed-site', '--purge', '--wait', '--yes']);
    expect(await vdcContainers(vdcId)).toEqual([]);
  });
});
