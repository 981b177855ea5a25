// bench/entry: how long an entry switch takes to take effect, against the cheapest thing Colo
// can ask of a listener, measured in one run.
//
//   npx tsx bench/entry.ts [--rounds N]     (default 6: three switches each way)
//
// Two VDCs (`blue`, `green`: web-static × 2, exposed) and one entry. Each round switches the
// entry to the other VDC the way the entry_switch runner does (the target's replicas checked
// through one Docker call, then ensureEntry: join the target's ingress network, re-render,
// seamless HAProxy reload) while a client sends a fresh connection every few milliseconds, and
// reports the time from the switch call to the first answer from the new VDC (its
// `X-Colo-Host`). Target: ≤ 1 s. Not included: the request's trip through the API and the
// queue to the worker (milliseconds: BullMQ hands the job to a waiting worker at once).
//   baseline  a raw Docker exec of `true` in the same listener: the floor of any in-container
//             action (what a switch must do at least once), measured between the rounds
// Only this run's objects are touched (`colo.instance=bench-<random>`); all go at the end.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { classBuildSettings, ensureClassImages, loadCatalog, templatesRoot } from '@colo/catalog';
import {
  applyPlan,
  createDockerRuntime,
  type DesiredState,
  desiredState,
  type EntrySpec,
  ensureEntry,
  entryListenerName,
  listenerTarget,
  planVdc,
  removeEntry,
  servingReplicas,
} from '@colo/engine';
import { type Manifest, resolveManifest, validateManifest } from '@colo/manifest';
import Docker from 'dockerode';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '6' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npx tsx bench/entry.ts [--rounds N>=1]');
  process.exit(2);
}

const docker = new Docker();
const runtime = createDockerRuntime(docker);
const instance = `bench-${randomBytes(3).toString('hex')}`;
const say = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);
const ms = (v: number) => `${Math.round(v)} ms`;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor((xs.length - 1) / 2)];
const worst = (xs: number[]) => sorted(xs).at(-1) as number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Side {
  name: 'blue' | 'green';
  desired: DesiredState;
  spec: EntrySpec;
}

async function side(name: Side['name'], entryPort: number, catalog: Awaited<ReturnType<typeof loadCatalog>>['catalog']): Promise<Side> {
  const port = await freePort();
  // The appliance is named after its VDC, so `X-Colo-Host` (`blue-1`) says who answered.
  const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name, appliances: [{ name, class: 'web-static', replicas: 2, expose: [{ terminal: 'in', port }] }], connections: [] } as Manifest;
  const checked = validateManifest(manifest, catalog);
  if (!checked.ok || !checked.manifest) throw new Error(checked.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const id = `vdc_${randomBytes(6).toString('hex')}`;
  const vdc = { id, name, key: `${name}-${id.slice(4, 10)}` };
  const desired = desiredState({ vdc, revisionId: 'rev_bench', manifest: resolveManifest(checked.manifest, catalog), secrets: {}, config: { instance, publishHost: '127.0.0.1' } });
  const target = listenerTarget(vdc.key, { appliance: name, terminal: 'in', port: 80, hostPort: port });
  return { name, desired, spec: { id: `ent_${instance}`, instance, publishHost: '127.0.0.1', hostPort: entryPort, target } };
}

/** Who answers on the entry's port now (a fresh connection each time), or undefined. */
async function answerer(port: number): Promise<string | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok ? (res.headers.get('x-colo-host') ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/** The runner's switch, timed to the first answer from `to`. */
async function timedSwitch(to: Side, entryPort: number): Promise<{ firstMs: number; callMs: number }> {
  const t0 = performance.now();
  let firstMs = 0;
  let done = false;
  const watcher = (async () => {
    while (!done) {
      const sent = performance.now();
      if ((await answerer(entryPort))?.startsWith(`${to.name}-`)) {
        firstMs = sent - t0;
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const serving = await servingReplicas(runtime, { instance, vdcId: to.desired.vdc.id }, to.name);
  if (serving.ready === 0) throw new Error(`${to.name} has no healthy replica`);
  await ensureEntry(runtime, to.spec);
  const callMs = performance.now() - t0;
  const deadline = Date.now() + 30_000;
  while (!firstMs && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  done = true;
  await watcher;
  if (!firstMs) throw new Error(`no answer from ${to.name} within 30 s of the switch`);
  return { firstMs, callMs };
}

async function rawExec(container: string): Promise<number> {
  const t0 = performance.now();
  const res = await runtime.exec(container, ['true']);
  if (res.exitCode !== 0) throw new Error(`exec true exited ${res.exitCode}`);
  return performance.now() - t0;
}

async function cleanup(): Promise<void> {
  const label = { filters: { label: [`colo.instance=${instance}`] } };
  const containers = await docker.listContainers({ all: true, ...label });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  const networks = await docker.listNetworks(label);
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
}

async function main() {
  const started = performance.now();
  const load0 = loadavg()[0];
  const { catalog } = await loadCatalog(templatesRoot(process.env));
  await ensureClassImages(docker, catalog.sources(), classBuildSettings(process.env));
  const entryPort = await freePort();
  const blue = await side('blue', entryPort, catalog);
  const green = await side('green', entryPort, catalog);
  for (const s of [blue, green]) {
    say(`deploying ${s.name}`);
    const { plan } = await planVdc(runtime, s.desired);
    await applyPlan(runtime, plan, s.desired);
  }
  say('creating the entry (pointing at blue)');
  await ensureEntry(runtime, blue.spec);
  const listener = entryListenerName(instance, entryPort);
  for (let i = 0; i < 3; i++) await rawExec(listener); // warm

  const first: number[] = [];
  const calls: number[] = [];
  const execs: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    const to = r % 2 ? green : blue;
    // Let the last switch's old worker finish and the engine settle.
    await new Promise((res) => setTimeout(res, 1500));
    execs.push(await rawExec(listener));
    const t = await timedSwitch(to, entryPort);
    first.push(t.firstMs);
    calls.push(t.callMs);
    say(`round ${r}: → ${to.name}: first answer ${ms(t.firstMs)} after the switch began (call returned after ${ms(t.callMs)}); docker exec true ${ms(execs.at(-1) as number)}`);
  }
  await removeEntry(runtime, blue.spec);

  const load1 = loadavg()[0];
  console.log(`bench/entry: ${rounds} switches between two VDCs (web-static × 2 each), load ${load0.toFixed(1)} → ${load1.toFixed(1)} on this machine, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log(`  switch → first answer from the new VDC   median ${ms(median(first))}, worst ${ms(worst(first))}   (target ≤ 1000 ms: ${worst(first) <= 1000 ? 'met' : median(first) <= 1000 ? 'median met, worst missed' : 'missed'})`);
  console.log(`  switch call returns (old worker done)    median ${ms(median(calls))}, worst ${ms(worst(calls))}`);
  console.log(`  baseline: docker exec \`true\` in it       median ${ms(median(execs))}, worst ${ms(worst(execs))}`);
  console.log(`  ratio first answer / docker exec        ${(median(first) / median(execs)).toFixed(1)}× (median over median)`);
}

main()
  .catch((err) => {
    console.error(`bench/entry failed: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup().catch(() => {}));
