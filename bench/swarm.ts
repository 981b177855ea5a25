// bench/swarm: Colo on a swarm, measured in one run on a throwaway 3-node test swarm
// (tests/support/swarm.ts: Docker-in-Docker nodes on this machine's daemon).
//
//   npx tsx bench/swarm.ts [--rounds N] [--image REF] [--only NAME,…]   (default 2 rounds, colo/web-php:1, all)
//
//   image distribution   a class image onto all 3 nodes
//     save/load          the baseline: `docker save` once from this machine's daemon (where Colo
//                        and its class images live), the one stream loaded into the 3 nodes at once
//                        (distributeBySaveLoad); every node starts without the image
//     registry           Colo's registry (cold: its storage emptied before each round): push from
//                        the manager (the image loaded there first, untimed), then the nodes pull
//                        `127.0.0.1:5000/…@sha256:` through their relays, in parallel
//     registry, pushed   the pulls alone: what every later node, reschedule or redeploy pays
//                        once the image has been pushed (a push happens once per class version)
//   deploy               a VDC of 20 echo containers until all run healthy: the swarm deployer on
//                        the 3 nodes vs the single-host engine on this machine's daemon (baseline)
//   reschedule           a worker node killed under that VDC: until its replicas run elsewhere
//                        (last: the swarm keeps two nodes). Both in bench/swarm-deploy.ts
// Ratios are registry / save-load and swarm / one host, medians over the rounds, all measured in
// this process.
// Only this run's swarm is touched (its own labels); it is removed at the end, failed or not.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import { createRegistryCertificates, distributeBySaveLoad, ensureRegistry, pushImage, type RegistryCertificates, removeRegistry, waitForRegistry } from '@colo/engine';
import Dockerode from 'dockerode';
import { type SwarmNode, startTestSwarm, type TestSwarm } from '../tests/support/swarm';
import { deployTime, rescheduleTime } from './swarm-deploy';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '2' }, image: { type: 'string', default: 'colo/web-php:1' }, only: { type: 'string' } },
});
const rounds = Number(values.rounds);
const IMAGE = values.image as string;
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npx tsx bench/swarm.ts [--rounds N>=1] [--image REF]');
  process.exit(2);
}

const host = new Dockerode();
const INSTANCE = 'bench';
const say = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

/** What every measurement gets: the swarm, and what it needs to run Colo's pieces on it. */
interface BenchContext {
  swarm: TestSwarm;
  rounds: number;
  images: { registry: string; relay: string };
  say: (line: string) => void;
}

/** One measurement: prints nothing itself, returns its report lines. */
interface Measurement {
  name: string;
  run(ctx: BenchContext): Promise<string[]>;
}

// One entry each, run in order on the same swarm (reschedule last: it kills a node).
const MEASUREMENTS: Measurement[] = [
  { name: 'image distribution', run: imageDistribution },
  { name: 'deploy', run: deployTime },
  { name: 'reschedule', run: rescheduleTime },
];

async function imageDistribution(ctx: BenchContext): Promise<string[]> {
  const { swarm } = ctx;
  const manager = swarm.manager;
  const certs = createRegistryCertificates([manager.ip]);
  const sizeMb = ((await host.getImage(IMAGE).inspect()) as { Size: number }).Size / 1e6;
  const saveLoad: number[] = [];
  const registry: number[] = [];
  const pushes: number[] = [];
  const pulls: number[] = [];
  for (let round = 1; round <= ctx.rounds; round++) {
    await Promise.all(swarm.nodes.map((n) => forget(n, IMAGE)));
    const sl = await distributeBySaveLoad(
      host,
      swarm.nodes.map((n) => n.docker),
      IMAGE,
    );
    saveLoad.push(sl.ms);

    // Cold registry and nodes without the image; the manager keeps it (it is the push's source).
    await removeRegistry(manager.docker, INSTANCE, { purge: true });
    await Promise.all(swarm.nodes.filter((n) => n !== manager).map((n) => forget(n, IMAGE)));
    await startRegistry(ctx, certs);
    const t0 = performance.now();
    const pushed = await pushImage(manager.docker, IMAGE);
    const t1 = performance.now();
    await Promise.all(swarm.nodes.map((n) => pull(n, pushed.reference)));
    const t2 = performance.now();
    pushes.push(t1 - t0);
    registry.push(t2 - t0);
    // The pulls again on nodes that lost the image: the cost once the push is done.
    await Promise.all(swarm.nodes.filter((n) => n !== manager).map((n) => forget(n, IMAGE)));
    const t3 = performance.now();
    await Promise.all(swarm.nodes.map((n) => pull(n, pushed.reference)));
    pulls.push(performance.now() - t3);
    ctx.say(`round ${round}: save/load ${s(sl.ms)}; registry ${s(t2 - t0)} (push ${s(t1 - t0)}, pulls ${s(t2 - t1)}); pulls of a pushed image ${s(pulls.at(-1) as number)}`);
  }
  const base = median(saveLoad);
  return [
    `image distribution of ${IMAGE} (${sizeMb.toFixed(0)} MB) to ${swarm.nodes.length} nodes, median of ${ctx.rounds}`,
    `  save/load (baseline)                      ${s(base)}`,
    `  registry: push + pulls (cold registry)    ${s(median(registry))}   (push ${s(median(pushes))})   ratio ${(median(registry) / base).toFixed(2)}×`,
    `  registry: pulls of a pushed image         ${s(median(pulls))}   ratio ${(median(pulls) / base).toFixed(2)}×`,
  ];
}

async function startRegistry(ctx: BenchContext, certificates: RegistryCertificates): Promise<void> {
  const manager = ctx.swarm.manager;
  await ensureRegistry({
    docker: manager.docker,
    instance: INSTANCE,
    address: manager.ip,
    certificates,
    registryImage: ctx.images.registry,
    relayImage: ctx.images.relay,
  });
  // Ready when every node has its relay and the registry answers through the manager's.
  await waitForRegistry(manager.docker, INSTANCE, { timeoutMs: 120_000 });
}

/** Removes the image and its registry tags from a node (its layers go with them). */
async function forget(node: SwarmNode, ref: string): Promise<void> {
  const images = (await node.docker.listImages()) as { Id: string; RepoTags?: string[]; RepoDigests?: string[] }[];
  const repo = ref.split(':')[0] as string;
  for (const image of images) {
    const names = [...(image.RepoTags ?? []), ...(image.RepoDigests ?? [])];
    if (names.some((n) => n === ref || n.includes(`/${repo}:`) || n.includes(`/${repo}@`))) {
      await node.docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
    }
  }
}

async function pull(node: SwarmNode, ref: string): Promise<void> {
  const stream = await node.docker.pull(ref, { authconfig: {} });
  await new Promise<void>((resolve, reject) =>
    node.docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error;
      if (failed) reject(new Error(`${node.hostname} pulling ${ref}: ${failed}`));
      else resolve();
    }),
  );
}

let swarm: TestSwarm | undefined;

async function main(): Promise<void> {
  const started = performance.now();
  const load0 = loadavg()[0] ?? 0;
  const { system } = await loadCatalog(templatesRoot(process.env));
  const built: string[] = [];
  for (const id of ['registry', 'registry-relay']) {
    const source = system.find((c) => c.class.id === id);
    if (!source) throw new Error(`templates/system/${id} is missing`);
    built.push((await ensureClassImage(host, source, classBuildSettings(process.env))).image);
  }
  const images = { registry: built[0] as string, relay: built[1] as string };
  await host
    .getImage(IMAGE)
    .inspect()
    .catch(() => {
      throw new Error(`${IMAGE} is not on this machine's daemon: build it first (npx tsx scripts/build-catalog.ts)`);
    });
  say('forming a 3-node test swarm');
  swarm = await startTestSwarm({ nodes: 3 });
  // The relay on every node (it cannot come through the registry); the registry on the manager.
  await distributeBySaveLoad(
    host,
    swarm.nodes.map((n) => n.docker),
    images.relay,
  );
  await distributeBySaveLoad(host, [swarm.manager.docker], images.registry);
  const ctx: BenchContext = { swarm, rounds, images, say };
  const report: string[] = [];
  const only = values.only?.split(',');
  for (const m of MEASUREMENTS.filter((x) => !only || only.includes(x.name))) {
    say(`measuring ${m.name}`);
    report.push(...(await m.run(ctx)));
  }
  const load1 = loadavg()[0] ?? 0;
  console.log(`bench/swarm: 3 Docker-in-Docker nodes on this machine, load ${load0.toFixed(1)} → ${load1.toFixed(1)}, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const line of report) console.log(line);
}

main()
  .catch((err) => {
    console.error(`bench/swarm failed: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => swarm?.stop().catch(() => {}));
