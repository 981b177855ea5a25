// bench/swarm's deploy and reschedule measurements (the measurements list is in bench/swarm.ts).
//
//   deploy       a VDC of 20 containers (4 echo appliances × 5 replicas, two wires) deployed from
//                nothing until every task runs healthy: on the 3-node test swarm by the swarm
//                deployer (images loaded into the nodes beforehand, run by id, untimed) vs on this
//                machine's daemon by the single-host engine (plan + apply, a scratch instance)
//   reschedule   a worker node killed (no drain, no leave) under the deployed VDC: time until
//                every replica it ran is running on another node. Run last: the swarm keeps two.
// Everything made carries this run's own instance label and is removed by it, failed or not.
import { randomBytes } from 'node:crypto';
import {
  applyPlan,
  createDockerRuntime,
  createDockerSwarmApi,
  type DesiredState,
  deploySwarmVdc,
  desiredState,
  destroySwarmVdc,
  distributeBySaveLoad,
  planVdc,
} from '@colo/engine';
import type { ResolvedManifest } from '@colo/manifest';
import Dockerode from 'dockerode';
import { appliance, ECHO_IMAGE, svcClass, wire } from '../packages/engine/test/fixtures/test-classes';
import { ensureShopImages, imageIds, runningTasks } from '../tests/swarm/deploy-helpers';
import type { TestSwarm } from '../tests/support/swarm';

export interface DeployBenchContext {
  swarm: TestSwarm;
  rounds: number;
  say: (line: string) => void;
}

const host = new Dockerode();
const instance = `bench-swarm-${randomBytes(3).toString('hex')}`;
const APPLIANCES = ['a', 'b', 'c', 'd'];
const REPLICAS = 5;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

/** 4 echo appliances × 5 replicas, a→b and c→d wired: 20 containers, 2 overlays. */
const manifest = (): ResolvedManifest => ({
  name: 'twenty',
  appliances: APPLIANCES.map((name) => appliance(name, svcClass, { replicas: REPLICAS })),
  connections: [wire('a.out', 'b.in'), wire('c.out', 'd.in')],
});

let round = 0;
function desired(): DesiredState {
  const id = `vdc_${randomBytes(6).toString('hex')}`;
  round++;
  return desiredState({ vdc: { id, name: 'twenty', key: `twenty${round}-${id.slice(4, 9)}` }, revisionId: 'rev_bench', manifest: manifest(), secrets: {}, config: { instance } });
}

/** Removes what this run made on the shared daemon (containers, then networks and volumes). */
async function cleanHost(): Promise<void> {
  const label = { filters: { label: [`colo.instance=${instance}`] } };
  const containers = await host.listContainers({ all: true, ...label });
  await Promise.all(containers.map((c) => host.getContainer(c.Id).remove({ force: true })));
  const networks = await host.listNetworks(label);
  await Promise.all(networks.map((n) => host.getNetwork(n.Id).remove()));
  const volumes = (await host.listVolumes(label)).Volumes ?? [];
  await Promise.all(volumes.map((v) => host.getVolume(v.Name).remove()));
}

/** The last swarm deploy, kept for the reschedule measurement. */
let deployed: DesiredState | undefined;

export async function deployTime(ctx: DeployBenchContext): Promise<string[]> {
  await ensureShopImages();
  const images = await imageIds([ECHO_IMAGE]);
  await distributeBySaveLoad(
    host,
    ctx.swarm.nodes.map((n) => n.docker),
    ECHO_IMAGE,
  );
  const api = createDockerSwarmApi(ctx.swarm.manager.docker);
  const runtime = createDockerRuntime(host);
  const onSwarm: number[] = [];
  const onHost: number[] = [];
  try {
    for (let r = 1; r <= ctx.rounds; r++) {
      const d = desired();
      const t0 = performance.now();
      await deploySwarmVdc(api, d, { images });
      onSwarm.push(performance.now() - t0);
      if (r < ctx.rounds) await destroySwarmVdc(api, { instance, vdcId: d.vdc.id });
      else deployed = d;

      const h = desired();
      const t1 = performance.now();
      const { plan } = await planVdc(runtime, h);
      await applyPlan(runtime, plan, h);
      onHost.push(performance.now() - t1);
      await cleanHost();
      ctx.say(`round ${r}: 20 containers on 3 nodes ${s(onSwarm.at(-1) as number)}, on one host ${s(onHost.at(-1) as number)}`);
    }
  } finally {
    await cleanHost();
  }
  const base = median(onHost);
  return [
    `deploy of a VDC of ${APPLIANCES.length * REPLICAS} containers (${APPLIANCES.length} echo appliances × ${REPLICAS}, 2 wires) until all run healthy, median of ${ctx.rounds}`,
    `  one host (single-host engine, baseline)   ${s(base)}`,
    `  3-node swarm (swarm deployer)             ${s(median(onSwarm))}   ratio ${(median(onSwarm) / base).toFixed(2)}×`,
  ];
}

export async function rescheduleTime(ctx: DeployBenchContext): Promise<string[]> {
  const d = deployed;
  if (!d) throw new Error('reschedule needs the deploy measurement first');
  const api = createDockerSwarmApi(ctx.swarm.manager.docker);
  const docker = ctx.swarm.manager.docker;
  const services = APPLIANCES.map((a) => `colo-${d.vdc.key}-${a}`);
  try {
    const places = new Map(await Promise.all(services.map(async (svc) => [svc, await runningTasks(docker, svc)] as const)));
    const victim = ctx.swarm.nodes.find((n) => n !== ctx.swarm.manager && [...places.values()].flat().some((t) => t.node === n.nodeId));
    if (!victim) throw new Error('no worker node runs a replica');
    const lost = [...places.values()].flat().filter((t) => t.node === victim.nodeId).length;
    const killedAt = performance.now();
    await ctx.swarm.kill(victim);
    let ms: number | undefined;
    for (const until = killedAt + 120_000; ms === undefined; await new Promise((r) => setTimeout(r, 250))) {
      if (performance.now() > until) throw new Error(`the ${lost} replicas of ${victim.hostname} were not running elsewhere within 120 s`);
      const now = await Promise.all(services.map((svc) => runningTasks(docker, svc)));
      const elsewhere = now.flat().filter((t) => t.node !== victim.nodeId && t.state === 'running').length;
      if (elsewhere === APPLIANCES.length * REPLICAS) ms = performance.now() - killedAt;
    }
    ctx.say(`reschedule: ${lost} replicas of ${victim.hostname} running elsewhere after ${s(ms)}`);
    return [`reschedule after losing a worker node (${lost} of ${APPLIANCES.length * REPLICAS} replicas on it): all running elsewhere after ${s(ms)}`];
  } finally {
    await destroySwarmVdc(api, { instance, vdcId: d.vdc.id }).catch(() => undefined);
  }
}
