// The probe matrix: "the wires are the only network paths", measured. Two VDCs run through the
// real web app and worker (the LAMP assembly, and app → db with app → net gateway); from inside
// every container a TCP connection is tried to every address and listening port of every other
// container, to the host through every gateway address (a listener of this test on 0.0.0.0),
// to 169.254.169.254:80 and to both published ports. The printed matrix must equal the wiring.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '@colo/catalog';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, colo, docker, execIn, freePort, instance } from './harness';
import { type Colo, startColo } from './setup';

interface Probed {
  /** Row and column label: `vdc/appliance-replica` or `vdc/edge:port`. */
  label: string;
  id: string;
  vdc: string;
  appliance: string;
  addresses: string[];
  networks: string[];
  ports: number[];
}

const tmp = mkdtempSync(path.join(tmpdir(), 'colo-probe-'));
let c: Colo;
let hostServer: Server | undefined;
let hostPort = 0;
const published: Record<string, number> = {};

beforeAll(async () => {
  c = await startColo();
  hostPort = await freePort();
  hostServer = createServer((s) => s.end());
  await new Promise<void>((r) => hostServer?.listen(hostPort, '0.0.0.0', r));
});
afterAll(async () => {
  hostServer?.close();
  await c?.stop();
});

function manifests(): { lamp: string; shop: string } {
  const lamp = parse(readFileSync(path.join(ROOT, 'templates/assemblies/lamp-cluster.yaml'), 'utf8'));
  lamp.name = 'lamp';
  lamp.appliances.find((a: { name: string }) => a.name === 'lb').expose[0].port = published.lamp;
  const shop = {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'shop',
    appliances: [
      { name: 'app', class: 'web-php', expose: [{ terminal: 'in', port: published.shop }] },
      { name: 'db', class: 'postgres' },
      { name: 'gw', class: 'net', properties: { allow: 'deb.debian.org' } },
    ],
    connections: [
      { from: 'app.db', to: 'db.in' },
      { from: 'app.proxy', to: 'gw.in' },
    ],
  };
  const write = (name: string, doc: unknown) => {
    const file = path.join(tmp, `${name}.yaml`);
    writeFileSync(file, stringify(doc));
    return file;
  };
  return { lamp: write('lamp', lamp), shop: write('shop', shop) };
}

/** Every container of this run with its addresses and the ports it listens on. */
async function probedContainers(vdcNames: Record<string, string>): Promise<Probed[]> {
  const { catalog } = await loadCatalog();
  const list = await docker.listContainers({ filters: { label: [`colo.instance=${instance}`] } });
  const out: Probed[] = [];
  for (const s of list) {
    const info = await docker.getContainer(s.Id).inspect();
    const labels = info.Config.Labels;
    const vdc = vdcNames[labels['colo.vdc']] ?? '?';
    const edge = labels['colo.role'] === 'edge';
    const cls = catalog.get(labels['colo.class'] ?? '');
    const ports = edge ? [10080] : (cls?.terminals.inputs ?? []).map((t) => t.port).filter((p): p is number => p !== undefined);
    out.push({
      label: edge ? `${vdc}/edge:${labels['colo.edge-port']}` : `${vdc}/${labels['colo.appliance']}-${labels['colo.replica']}`,
      id: s.Id,
      vdc,
      appliance: edge ? `edge:${labels['colo.edge-port']}` : labels['colo.appliance'],
      addresses: Object.values(info.NetworkSettings.Networks).map((n) => n.IPAddress).filter(Boolean),
      networks: Object.keys(info.NetworkSettings.Networks),
      ports,
    });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label));
}

interface Target {
  label: string;
  host: string;
  port: number;
}

/** Runs every probe inside `from`, `parallel` at a time, each bounded to `seconds`; returns the labels that connected. */
async function probeFrom(from: Probed, targets: Target[], seconds = 2, parallel = 24): Promise<Set<string>> {
  if (targets.length === 0) return new Set();
  const lines = targets.map((t) => `${t.label} ${t.host} ${t.port}`).join('\n');
  const script = `probe() { if timeout ${seconds} bash -c "</dev/tcp/$2/$3" 2>/dev/null; then echo "ok $1"; fi; }
while read -r label host port; do
  probe "$label" "$host" "$port" &
  while (( $(jobs -rp | wc -l) >= ${parallel} )); do wait -n; done
done <<'PROBES'
${lines}
PROBES
wait`;
  const res = await execIn(from.id, ['bash', '-c', script], 120_000);
  // The exec stream is multiplexed (8-byte frame headers inside the text): match, don't split.
  return new Set([...res.output.matchAll(/ok (\S+)/g)].map((m) => m[1]));
}

it('lets exactly the wired pairs connect, and nothing reach the host, the metadata address or the other VDC', async () => {
  published.lamp = await freePort();
  published.shop = await freePort();
  const files = manifests();
  // This test measures isolation, not deploys (lamp-cluster.test.ts does): a deploy that gave up
  // on a health check on an overloaded machine is applied once more, as a user would, and must
  // then succeed. What failed the first time is printed.
  for (const file of [files.lamp, files.shop]) {
    let res = await colo(['apply', '-f', file, '--wait'], c.env);
    if (res.code !== 0) {
      console.log(`apply ${path.basename(file)} failed once, applying again:\n${res.stderr}`);
      res = await colo(['apply', '-f', file, '--wait'], c.env);
    }
    expect(res.code, res.stderr + res.stdout + c.worker.output()).toBe(0);
  }
  const vdcNames: Record<string, string> = {};
  for (const name of ['lamp', 'shop']) {
    const res = await colo(['status', name, '--json'], c.env);
    vdcNames[JSON.parse(res.stdout).vdc.id] = name;
  }
  const containers = await probedContainers(vdcNames);
  const networks = await docker.listNetworks({ filters: { label: [`colo.instance=${instance}`] } });
  const gateways = networks.flatMap((n) => (n.IPAM?.Config ?? []).map((cfg) => cfg.Gateway).filter((g): g is string => Boolean(g)));

  const HOST = 'host';
  const METADATA = '169.254.169.254';
  const PUBLISHED = 'published';
  const targets: Target[] = [
    ...containers.flatMap((t) => t.addresses.flatMap((a) => t.ports.map((p) => ({ label: t.label, host: a, port: p })))),
    ...gateways.map((g) => ({ label: HOST, host: g, port: hostPort })),
    ...gateways.flatMap((g) => Object.values(published).map((p) => ({ label: PUBLISHED, host: g, port: p }))),
    { label: METADATA, host: METADATA, port: 80 },
  ];
  const reached = new Map(await Promise.all(containers.map(async (from) => [from.label, await probeFrom(from, targets)] as const)));

  // What the wiring allows: both ends of a wire, replicas of one appliance, a listener and its appliance.
  const wires: Record<string, [string, string][]> = {
    lamp: [['lb', 'web'], ['web', 'db']],
    shop: [['app', 'db'], ['app', 'gw']],
  };
  const exposed: Record<string, string> = { [`lamp/edge:${published.lamp}`]: 'lb', [`shop/edge:${published.shop}`]: 'app' };
  const linked = (a: Probed, b: Probed) => {
    if (a.vdc !== b.vdc) return false;
    if (a.appliance === b.appliance) return b.ports.length > 0;
    if (exposed[a.label] === b.appliance || exposed[b.label] === a.appliance) return true;
    return wires[a.vdc].some(([x, y]) => (x === a.appliance && y === b.appliance) || (y === a.appliance && x === b.appliance));
  };
  // Off the internal networks: the listeners and the gateway, each on a bridge of its own only.
  const offInternal = (p: Probed) => p.appliance.startsWith('edge:') || p.appliance === 'gw';

  /** Whether `from` should reach the target labelled `label`: a wired container, or the host from a listener or gateway. */
  const expected = (from: Probed, label: string) => {
    if (label === HOST) return offInternal(from);
    const to = containers.find((t) => t.label === label);
    return to !== undefined && to !== from && linked(from, to);
  };

  // The metadata probe of a source with a route out tells whether the host intercepts every
  // connection (see `unverifiable` below): a missed one is tried again too, or that source's
  // intercepted connections would count as real.
  const retried = (from: Probed, label: string) => expected(from, label) || (label === METADATA && offInternal(from));

  // A connection that should work but did not may only have been slow: 24 probes at once in a
  // container with a small CPU share, on a loaded machine, can miss a 2 s bound. Those alone are
  // tried again, a few at a time with a longer bound; a wire that is really cut stays cut. (A
  // connection that should not work is never retried: one success is proof enough.)
  for (let round = 0; round < 3; round++) {
    const retries = containers.map((from) => {
      const got = reached.get(from.label) ?? new Set<string>();
      return { from, targets: targets.filter((t) => !got.has(t.label) && retried(from, t.label)) };
    });
    if (retries.every((r) => r.targets.length === 0)) break;
    for (const { from, targets: again } of retries) {
      for (const label of await probeFrom(from, again, 10, 4)) reached.get(from.label)?.add(label);
    }
  }

  // A source with a route out (listener, gateway) whose connect to 169.254.169.254 succeeds sits
  // behind a host network that answers every TCP connection (a sandbox's egress interceptor):
  // its connects to containers it shares no network with prove nothing, and are shown as `?`.
  const shares = (a: Probed, b: Probed) => a.networks.some((n) => b.networks.includes(n));
  const unverifiable = (from: Probed, col: string) => {
    const to = containers.find((t) => t.label === col);
    return offInternal(from) && (reached.get(from.label)?.has(METADATA) ?? false) && to !== undefined && !shares(from, to);
  };
  const columns = [...containers.map((t) => t.label), HOST, PUBLISHED, METADATA];
  const width = Math.max(...columns.map((col) => col.length));
  const rows = [
    `${'from \\ to'.padEnd(width)}  ${columns.map((_, i) => String(i + 1).padStart(2)).join(' ')}`,
    ...containers.map((from) => {
      const got = reached.get(from.label) ?? new Set();
      const cells = columns.map((col) => (col === from.label ? ' —' : got.has(col) ? (unverifiable(from, col) ? ' ?' : ' ✓') : ' ·'));
      return `${from.label.padEnd(width)}  ${cells.join(' ')}`;
    }),
    '',
    ...columns.map((col, i) => `${String(i + 1).padStart(2)} ${col}`),
  ];
  const matrix = `probe matrix (${containers.length} containers, ${targets.length} targets each):\n${rows.join('\n')}`;
  console.log(matrix);

  const wrong: string[] = [];
  for (const from of containers) {
    const got = reached.get(from.label) ?? new Set();
    for (const to of containers) {
      if (to === from) continue;
      if (got.has(to.label) && unverifiable(from, to.label)) continue;
      if (got.has(to.label) !== linked(from, to)) wrong.push(`${from.label} → ${to.label}: ${got.has(to.label) ? 'connects' : 'refused'}`);
    }
    if (got.has(HOST) !== offInternal(from)) wrong.push(`${from.label} → host: ${got.has(HOST) ? 'connects' : 'refused'}`);
    if (got.has(PUBLISHED)) wrong.push(`${from.label} reaches a published port through the host`);
    if (!offInternal(from) && got.has(METADATA)) wrong.push(`${from.label} reaches ${METADATA}`);
  }
  expect(wrong, `differs from the wiring:\n${wrong.join('\n')}\n\n${matrix}\n`).toEqual([]);
}, 480_000); // two deploys and ~2000 probes: more than the default on a loaded 2-core machine
