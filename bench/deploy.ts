// bench/deploy: how much Colo's deploy costs over raw Docker API calls, measured in one run.
//
//   npx tsx bench/deploy.ts [--rounds N] [--web N]
//
// For a VDC of ~20 containers (halb → N × web-static, wired to a NAS, plus postgres and redis):
//   colo      desired state → read actual state → plan → apply (boot order, health gates)
//   baseline  the SAME networks, volumes and containers (same create bodies) made directly through
//             dockerode, everything in parallel, then waiting until every container is healthy
//   no-op     re-planning and re-applying the deployed VDC (zero Docker changes)
// Each round deploys both from nothing and removes both afterwards. Only this run's objects are
// touched: everything carries `colo.instance=bench-<random>`.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { classBuildSettings, ensureClassImages, loadCatalog, templatesRoot } from '@colo/catalog';
import { applyPlan, createDockerRuntime, type DesiredState, desiredState, planVdc } from '@colo/engine';
import { type Manifest, resolveManifest, validateManifest } from '@colo/manifest';
import Docker from 'dockerode';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, web: { type: 'string', default: '16' } } });
const rounds = Number(values.rounds);
const webReplicas = Number(values.web);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(webReplicas) || webReplicas < 1) {
  console.error('usage: npx tsx bench/deploy.ts [--rounds N>=1] [--web N>=1]');
  process.exit(2);
}

const docker = new Docker();
const runtime = createDockerRuntime(docker);
const instance = `bench-${randomBytes(3).toString('hex')}`;

const manifest: Manifest = {
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'bench',
  appliances: [
    { name: 'lb', class: 'halb' },
    { name: 'web', class: 'web-static', replicas: webReplicas },
    { name: 'content', class: 'nas' },
    { name: 'db', class: 'postgres' },
    { name: 'cache', class: 'redis' },
  ],
  connections: [
    { from: 'lb.out', to: 'web.in' },
    { from: 'web.fs', to: 'content.fs' },
  ],
} as Manifest;

function secretsFor(resolved: ReturnType<typeof resolveManifest>) {
  const out: Record<string, Record<string, string>> = {};
  for (const a of resolved.appliances) {
    out[a.name] = Object.fromEntries(a.class.secrets.map((s) => [s, randomBytes(12).toString('hex')]));
  }
  return out;
}

function desiredFor(tag: string, resolved: ReturnType<typeof resolveManifest>, secrets: Record<string, Record<string, string>>): DesiredState {
  const id = `vdc_${randomBytes(6).toString('hex')}`;
  return desiredState({
    vdc: { id, name: `bench${tag}`, key: `bench${tag}-${id.slice(4, 10)}` },
    revisionId: 'rev_bench',
    manifest: resolved,
    secrets,
    config: { instance, publishHost: '127.0.0.1' },
  });
}

async function coloDeploy(desired: DesiredState): Promise<number> {
  const t0 = performance.now();
  const { plan } = await planVdc(runtime, desired);
  await applyPlan(runtime, plan, desired); // throws when a step fails
  return performance.now() - t0;
}

async function noopReapply(desired: DesiredState): Promise<{ ms: number; steps: number }> {
  const t0 = performance.now();
  const { plan } = await planVdc(runtime, desired);
  await applyPlan(runtime, plan, desired);
  return { ms: performance.now() - t0, steps: plan.steps.length };
}

/** The same objects straight through the Docker API, all in parallel. */
async function rawDeploy(desired: DesiredState): Promise<number> {
  const t0 = performance.now();
  await Promise.all([
    ...desired.networks.map((n) =>
      docker.createNetwork({ Name: n.name, Driver: 'bridge', Internal: n.internal, Labels: n.labels, Options: n.options, CheckDuplicate: true }),
    ),
    ...desired.volumes.map((v) => docker.createVolume({ Name: v.name, Labels: v.labels })),
  ]);
  await Promise.all(
    desired.containers.map(async (c) => {
      const container = await docker.createContainer(c.create);
      for (const extra of c.networks.slice(1)) {
        await docker.getNetwork(extra.network).connect({ Container: container.id, EndpointConfig: { Aliases: extra.aliases } });
      }
      if (!c.standby) await container.start();
    }),
  );
  await Promise.all(
    desired.containers
      .filter((c) => !c.standby)
      .map((c) => runtime.waitHealthy(c.name, { timeoutMs: c.healthTimeoutMs })),
  );
  return performance.now() - t0;
}

async function cleanup(): Promise<void> {
  const label = { filters: { label: [`colo.instance=${instance}`] } };
  const containers = await docker.listContainers({ all: true, ...label });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  const networks = await docker.listNetworks(label);
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
  const volumes = (await docker.listVolumes(label)).Volumes ?? [];
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove()));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const { catalog } = await loadCatalog(templatesRoot(process.env));
  await ensureClassImages(docker, catalog.sources(), classBuildSettings(process.env));
  const checked = validateManifest(manifest, catalog);
  if (!checked.ok || !checked.manifest) throw new Error(checked.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const resolved = resolveManifest(checked.manifest, catalog);
  const secrets = secretsFor(resolved);
  const containers = desiredFor('x', resolved, secrets).containers.length;
  console.log(`bench/deploy: ${containers} containers per VDC, ${rounds} round(s), instance ${instance}`);

  const colo: number[] = [];
  const raw: number[] = [];
  const noop: number[] = [];
  try {
    for (let r = 1; r <= rounds; r++) {
      // Alternate the order so neither side always runs on a warmer engine.
      const order = r % 2 ? (['raw', 'colo'] as const) : (['colo', 'raw'] as const);
      for (const side of order) {
        const desired = desiredFor(side === 'colo' ? 'c' : 'r', resolved, secrets);
        if (side === 'colo') {
          colo.push(await coloDeploy(desired));
          const n = await noopReapply(desired);
          if (n.steps !== 0) throw new Error(`no-op re-apply planned ${n.steps} steps`);
          noop.push(n.ms);
        } else {
          raw.push(await rawDeploy(desired));
        }
        await cleanup();
      }
      console.log(`round ${r}: colo ${s(colo.at(-1) as number)}, raw docker ${s(raw.at(-1) as number)}, no-op re-apply ${s(noop.at(-1) as number)}`);
    }
  } finally {
    await cleanup();
  }
  const ratio = median(colo) / median(raw);
  console.log(`median deploy: colo ${s(median(colo))}, raw docker API in parallel ${s(median(raw))}`);
  console.log(`ratio colo/raw: ${ratio.toFixed(2)}x`);
  console.log(`median no-op re-apply: ${s(median(noop))} (${((median(noop) / median(raw)) * 100).toFixed(1)}% of a raw deploy)`);
}

main().catch(async (err) => {
  console.error(`bench/deploy failed: ${(err as Error).message}`);
  await cleanup().catch(() => {});
  process.exit(1);
});
