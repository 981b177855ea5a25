// The LAMP assembly end to end, as a user runs it: `colo apply -f templates/assemblies/
// lamp-cluster.yaml --wait`, then real HTTP traffic through the load balancer on 127.0.0.1,
// idempotent re-apply, scale-out, wiring isolation, destroy keeping data, and purge.
//
// It runs beside a user's own Colo: the assembly is applied on a free host port (the shipped
// file says 8080, which the user's own LAMP demo may hold), and everything it makes carries this
// run's instance label.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, colo, docker, execIn, freePort, hitMany, instance, vdcContainers, vdcNetworks, vdcVolumes, waitFor } from './harness';
import { type Colo, startColo } from './setup';

const ASSEMBLY = 'templates/assemblies/lamp-cluster.yaml';
interface Hit {
  host: string;
  hits: number;
  source: string;
}
interface ManifestDoc {
  name: string;
  appliances: { name: string; class: string; replicas?: number; expose?: { terminal: string; port: number }[] }[];
}

const manifest = parse(readFileSync(path.join(ROOT, ASSEMBLY), 'utf8')) as ManifestDoc;
const tmp = mkdtempSync(path.join(tmpdir(), 'colo-acc-'));
const byClass = (cls: string) => {
  const a = manifest.appliances.find((x) => x.class.split('@')[0] === cls);
  if (!a) throw new Error(`${ASSEMBLY} has no ${cls} appliance`);
  return a;
};
const lb = byClass('halb');
const web = byClass('web-php');
const nas = byClass('nas');
const db = byClass('postgres');
if (!lb.expose?.[0]) throw new Error(`${ASSEMBLY}: the balancer exposes no port`);
let lbPort = 0;
let siteUrl = '';
/** The assembly exactly as shipped, except on a port that is free now. */
let lamp = '';

let c: Colo;
let vdcId: string;
const ids = async (appliance?: string) => (await vdcContainers(vdcId, appliance)).map((x) => x.Id).sort();

function writeVariant(name: string, change: (m: ManifestDoc) => void): string {
  const copy = structuredClone(manifest);
  const balancer = copy.appliances.find((a) => a.name === lb.name);
  if (balancer?.expose?.[0]) balancer.expose[0].port = lbPort;
  change(copy);
  const file = path.join(tmp, name);
  writeFileSync(file, stringify(copy));
  return file;
}

beforeAll(async () => {
  lbPort = await freePort();
  siteUrl = `http://127.0.0.1:${lbPort}/?format=json`;
  lamp = writeVariant('lamp-cluster.yaml', () => {});
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

describe('lamp-cluster assembly', () => {
  it('applies with live progress and serves from all three web replicas', async () => {
    const res = await colo(['apply', '-f', lamp, '--wait'], c.env);
    expect(res.code, res.stderr + res.stdout + c.worker.output()).toBe(0);
    expect(res.stdout).toMatch(/\d+%/); // live step progress was printed

    const status = await colo(['status', manifest.name, '--json'], c.env);
    expect(status.code, status.stderr).toBe(0);
    vdcId = JSON.parse(status.stdout).vdc.id;
    expect(vdcId).toMatch(/^vdc_/);
    expect(await ids(web.name)).toHaveLength(3);

    // HAProxy discovers replicas through DNS; give it a moment to see all three.
    const bodies = await waitFor('all 3 web replicas behind the LB', async () => {
      const got = await hitMany<Hit>(siteUrl, 30);
      return new Set(got.map((b) => b.host)).size === 3 ? got : undefined;
    }, 60_000, 1000);
    expect(bodies).toHaveLength(30);
    for (const b of bodies) expect(b.source).toBe('nas');
    const counts = bodies.map((b) => b.hits);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]);
  });

  it('serves the page from the NAS share: a file written on the NAS is served by the LB', async () => {
    const [nasContainer] = await vdcContainers(vdcId, nas.name);
    const marker = `marker-${Date.now()}`;
    const wrote = await execIn(nasContainer.Id, ['sh', '-c', `echo ${marker} > /srv/share/www/colo-marker.txt`]);
    expect(wrote.code, wrote.output).toBe(0);
    const res = await fetch(`http://127.0.0.1:${lbPort}/colo-marker.txt`);
    expect((await res.text()).trim()).toBe(marker);
  });

  it('re-applying the same manifest plans nothing and changes no container', async () => {
    const before = await ids();
    const plan = await colo(['plan', '-f', lamp, '--json'], c.env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).plan.steps).toEqual([]);
    const res = await colo(['apply', '-f', lamp, '--wait'], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(await ids()).toEqual(before);
  });

  it('scaling web 3→5 creates exactly two containers and traffic reaches all five', async () => {
    const before = await ids();
    const scaled = writeVariant('scaled.yaml', (m) => {
      const w = m.appliances.find((a) => a.name === web.name);
      if (w) w.replicas = 5;
    });
    const plan = await colo(['plan', '-f', scaled, '--json'], c.env);
    expect(plan.code, plan.stderr).toBe(0);
    const steps = JSON.parse(plan.stdout).plan.steps as { action: string; kind: string; appliance?: string }[];
    expect(steps.filter((s) => s.kind === 'container')).toHaveLength(2);
    expect(steps.every((s) => s.action === 'create' && s.appliance === web.name)).toBe(true);

    const res = await colo(['apply', '-f', scaled, '--wait'], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    const after = await ids();
    expect(after).toHaveLength(before.length + 2);
    for (const id of before) expect(after).toContain(id);

    await waitFor('all 5 web replicas behind the LB', async () => {
      const got = await hitMany<Hit>(siteUrl, 40);
      return new Set(got.map((b) => b.host)).size === 5;
    }, 60_000, 1000);
  });

  it('runs every container with CPU, memory and process limits and no privilege', async () => {
    for (const summary of await vdcContainers(vdcId)) {
      const host = (await docker.getContainer(summary.Id).inspect()).HostConfig;
      expect(host.NanoCpus, summary.Names[0]).toBeGreaterThan(0);
      expect(host.Memory, summary.Names[0]).toBeGreaterThan(0);
      expect(host.PidsLimit, summary.Names[0]).toBe(1024);
      expect(host.Privileged).toBe(false);
      expect(host.SecurityOpt).toContain('no-new-privileges');
      expect(host.Binds ?? []).toEqual([]);
      expect(host.NetworkMode).not.toMatch(/^(bridge|default|host)$/);
      // No appliance publishes a port or sits on a network that is not internal.
      expect(Object.keys(host.PortBindings ?? {}), summary.Names[0]).toEqual([]);
      for (const name of Object.keys((await docker.getContainer(summary.Id).inspect()).NetworkSettings.Networks)) {
        expect((await docker.getNetwork(name).inspect()).Internal, `${summary.Names[0]} on ${name}`).toBe(true);
      }
    }
    // The port is published by this run's edge listener, on 127.0.0.1 only.
    const listeners = await docker.listContainers({ filters: { label: [`colo.instance=${instance}`, 'colo.role=edge', `colo.vdc=${vdcId}`] } });
    expect(listeners.map((l) => l.Ports.filter((p) => p.PublicPort).map((p) => `${p.IP}:${p.PublicPort}`))).toEqual([[`127.0.0.1:${lbPort}`]]);
  });

  it('wiring is isolation: a replica reaches what it is wired to and nothing else', async () => {
    const [web1] = await vdcContainers(vdcId, web.name);
    const [lb1] = await vdcContainers(vdcId, lb.name);
    const [db1] = await vdcContainers(vdcId, db.name);
    const dbInfo = await docker.getContainer(db1.Id).inspect();
    const dbIps = Object.values(dbInfo.NetworkSettings.Networks).map((n) => n.IPAddress).filter(Boolean);
    expect(dbIps.length).toBeGreaterThan(0);
    const canReach = async (containerId: string, host: string, port: number) =>
      (await execIn(containerId, ['timeout', '4', 'bash', '-c', `</dev/tcp/${host}/${port}`])).code === 0;

    // web → db is wired: reachable by its output name.
    const webOutputToDb = 'db';
    expect(await canReach(web1.Id, webOutputToDb, 5432)).toBe(true);
    // the LB is not wired to the database: neither its name nor its address answers.
    for (const ip of dbIps) expect(await canReach(lb1.Id, ip, 5432)).toBe(false);
  });

  it('destroy removes containers and networks but keeps the data; re-apply continues the counter', async () => {
    const before = (await hitMany<Hit>(siteUrl, 1))[0].hits;
    const volumes = (await vdcVolumes(vdcId)).map((v) => v.Name).sort();
    expect(volumes.length).toBeGreaterThanOrEqual(2); // the NAS share and the database

    const res = await colo(['destroy', manifest.name, '--wait', '--yes'], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(await vdcContainers(vdcId)).toEqual([]);
    expect(await vdcNetworks(vdcId)).toEqual([]);
    expect((await vdcVolumes(vdcId)).map((v) => v.Name).sort()).toEqual(volumes);

    const again = await colo(['apply', '-f', lamp, '--wait'], c.env);
    expect(again.code, again.stderr + again.stdout).toBe(0);
    const after = await waitFor('the site after re-apply', async () => (await hitMany<Hit>(siteUrl, 1))[0]);
    expect(after.hits).toBeGreaterThan(before);
  });

  it('destroy --purge removes the volumes too', async () => {
    const res = await colo(['destroy', manifest.name, '--purge', '--wait', '--yes'], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(await vdcContainers(vdcId)).toEqual([]);
    expect(await vdcNetworks(vdcId)).toEqual([]);
    expect(await vdcVolumes(vdcId)).toEqual([]);
  });
});
