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
import { ROOT, colo, docker, execIn, explainVdc, freePort, hitMany, instance, vdcContainers, vdcNetworks, vdcVolumes, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

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
    }, 60_000, 1000, () => explainVdc(vdcId));
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
    }, 60_000, 1000, () => explainVdc(vdcId));
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
      // `none`: an appliance with no wire (the NAS here) has no network at all.
      const networks = Object.keys((await docker.getContainer(summary.Id).inspect()).NetworkSettings.Networks).filter((n) => n !== 'none');
      if (summary.Labels['colo.role'] === 'edge') {
        // A listener: its one network that is not internal is a bridge no other container joins.
        const bridges = [];
        for (const name of networks) if (!(await docker.getNetwork(name).inspect()).Internal) bridges.push(name);
        expect(bridges, summary.Names[0]).toHaveLength(1);
        const on = (await docker.getNetwork(bridges[0]).inspect()) as { Containers?: Record<string, unknown> };
        expect(Object.keys(on.Containers ?? {}), `${bridges[0]} is the listener's alone`).toEqual([summary.Id]);
        continue;
      }
      // No appliance publishes a port or sits on a network that is not internal.
      expect(Object.keys(host.PortBindings ?? {}), summary.Names[0]).toEqual([]);
      for (const name of networks) {
        expect((await docker.getNetwork(name).inspect()).Internal, `${summary.Names[0]} on ${name}`).toBe(true);
      }
    }
    // The port is published by this run's edge listener, on 127.0.0.1 only.
    const listeners = await docker.listContainers({ filters: { label: [`colo.instance=${instance}`, 'colo.role=edge', `colo.vdc=${vdcId}`] } });
    expect(listeners.map((l) => l.Ports.filter((p) => p.PublicPort).map((p) => `${p.IP}:${p.PublicPort}`))).toEqual([[`127.0.0.1:${lbPort}`]]);
  });

  // Issue 6, container hardening: every container as deployed.
  it('runs every container with no capability, a read-only root, a non-root user and no raw socket, healthy', async () => {
    const rawSocket = ['perl', '-MSocket', '-e', 'socket(my $s, PF_INET, SOCK_RAW, 1) ? exit 0 : exit 3'];
    for (const summary of await vdcContainers(vdcId)) {
      const name = summary.Names[0];
      const info = await docker.getContainer(summary.Id).inspect();
      expect(info.HostConfig.CapDrop, name).toEqual(['ALL']);
      expect(info.HostConfig.CapAdd ?? [], name).toEqual([]);
      expect(info.HostConfig.ReadonlyRootfs, name).toBe(true);
      expect(info.Config.User, name).toMatch(/^(?!root$|0(:|$)).+/);
      // Healthy as it runs like this; waited for, because a loaded host can miss a 2 s check or two.
      await waitFor(`${name} healthy`, async () => (await docker.getContainer(summary.Id).inspect()).State.Health?.Status === 'healthy', 90_000, 1000, () =>
        explainVdc(vdcId),
      );
      const nonRoot = await execIn(summary.Id, ['sh', '-c', '[ "$(id -u)" != 0 ]']);
      expect(nonRoot.code, `${name} runs as non-root: ${nonRoot.output}\n${nonRoot.code === 0 ? '' : await explainVdc(vdcId)}`).toBe(0);
      expect((await execIn(summary.Id, rawSocket)).code, `${name} opens no raw socket`).toBe(3);
      expect((await execIn(summary.Id, ['touch', '/usr/colo-probe'])).code, `${name} cannot write /usr`).not.toBe(0);
      expect((await execIn(summary.Id, ['touch', '/tmp/colo-probe'])).code, `${name} writes /tmp`).toBe(0);
    }
  });

  it('keeps the balancer statistics page behind its generated password, which no API response shows', async () => {
    const [lb1] = await vdcContainers(vdcId, lb.name);
    const env = (await docker.getContainer(lb1.Id).inspect()).Config.Env ?? [];
    const envValue = (key: string) => env.find((e) => e.startsWith(`${key}=`))?.slice(key.length + 1) ?? '';
    const [user, password] = [envValue('HALB_STATS_USER'), envValue('HALB_STATS_PASSWORD')];
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    const statusLine = async (auth: string) =>
      (await execIn(lb1.Id, ['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/8404; printf 'GET / HTTP/1.0\\r\\n${auth}\\r\\n' >&3; head -1 <&3`])).output;
    expect(await statusLine('')).toMatch(/HTTP\/1\.\d 401/);
    expect(await statusLine(`Authorization: Basic ${Buffer.from(`${user}:${password}`).toString('base64')}\\r\\n`)).toMatch(/HTTP\/1\.\d 200/);

    const name = manifest.name;
    const { json: ops } = await api<{ operations: { id: string }[] }>(c, 'GET', `/vdcs/${name}/operations`);
    const routes = [`/vdcs/${name}`, `/vdcs/${name}/status`, `/vdcs/${name}/revisions`, `/vdcs/${name}/operations`, `/vdcs/${name}/appliances/${lb.name}`];
    for (const op of ops.operations) routes.push(`/operations/${op.id}`);
    for (const route of routes) {
      const res = await api<unknown>(c, 'GET', route);
      expect(res.status, route).toBe(200);
      expect(JSON.stringify(res.json), route).not.toContain(password);
    }
    const logs = await docker.getContainer(lb1.Id).logs({ stdout: true, stderr: true, tail: 500 });
    expect(logs.toString('utf8')).not.toContain(password);
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
