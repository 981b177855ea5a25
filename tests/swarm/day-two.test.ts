// Day two of a VDC on a 3-node test swarm, through control's own functions (issue 10: the same
// operations on one host and on a swarm): a VDC with web ×3 (echo) spread over the nodes is
// deployed by the swarm deployer onto Colo's engine (the manager; per-node work on each node's
// own Docker API, COLO_SWARM_NODE_DOCKER_PORT, the private test network's setting). A terminal in
// each replica answers that replica's hostname wherever it runs; a logs search holds the start
// lines of replicas on other nodes and a follow gets a line written there after it caught up; the
// metrics sampler stores samples of a replica on a node other than the manager.
import { randomBytes } from 'node:crypto';
import {
  type AuthUser,
  createMetricsSampler,
  createVdc,
  followVdcLogs,
  openApplianceTerminal,
  readLogQuery,
  searchLogs,
  type TerminalCaller,
  terminalEvents,
  terminalRegistry,
  writeTerminal,
} from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { createDockerSwarmApi, deploySwarmVdc, desiredState, destroySwarmVdc, type SwarmApi } from '@colo/engine';
import type { ResolvedManifest } from '@colo/manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliance, ECHO_IMAGE, svcClass } from '../../packages/engine/test/fixtures/test-classes';
import { startTestSwarm, type TestSwarm } from '../support/swarm';
import { ensureShopImages, imageIds, runningTasks, waitFor } from './deploy-helpers';

const NAME = 'daytwo';
let swarm: TestSwarm;
let api: SwarmApi;
let t: ControlTest;
let ann: AuthUser;
let caller: TerminalCaller;
let vdc: { id: string; name: string; key: string };
/** Replica (slot) → the node it runs on. */
let placed = new Map<number, string>();
let remote: number[] = [];

const manifest = (): ResolvedManifest => ({ name: NAME, appliances: [appliance('web', svcClass, { replicas: 3 })], connections: [] });

/** What a terminal printed until it closed (or `until` saw enough). */
async function read(id: string, until: (text: string) => boolean = () => false, ms = 30_000): Promise<{ text: string; exitCode?: number | null }> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), ms);
  let text = '';
  let exitCode: number | null | undefined;
  for await (const e of terminalEvents(caller, id)(stop.signal)) {
    if (e.event === 'output') text += Buffer.from(e.data as string, 'base64').toString('utf8');
    if (e.event === 'closed') exitCode = (e.data as { exitCode: number | null }).exitCode;
    if (until(text)) break;
  }
  clearTimeout(timer);
  return { text, exitCode };
}

async function run(replica: number, command: string[]): Promise<{ text: string; exitCode?: number | null; container: string }> {
  const opened = await openApplianceTerminal(caller, NAME, 'web', { cols: 80, rows: 24, replica, command, tty: false });
  expect(opened.replica).toBe(replica);
  return { ...(await read(opened.id)), container: opened.container };
}

beforeAll(async () => {
  // The shared daemon's images first (DOCKER_HOST moves to the swarm's manager below).
  await ensureShopImages();
  const images = await imageIds([ECHO_IMAGE]);
  swarm = await startTestSwarm({ nodes: 3, images: [ECHO_IMAGE] }).catch((error: Error) => {
    console.log(`test swarm did not form (${error.message}); once more`);
    return startTestSwarm({ nodes: 3, images: [ECHO_IMAGE] });
  });
  api = createDockerSwarmApi(swarm.manager.docker);
  // Colo's engine is the manager; each node's own engine answers on the private network.
  process.env.DOCKER_HOST = `tcp://${swarm.manager.ip}:2375`;
  process.env.COLO_SWARM_NODE_DOCKER_PORT = '2375';
  t = await setupControlTest('swarm-day-two', { workerCalls: true });
  ann = await t.user();
  caller = { user: ann, scope: 'deploy', recheck: async () => {} };
  const saved = await createVdc(ann, manifestOf(NAME, [{ name: 'web', class: 'sleeper', replicas: 3 }]));
  const row = await getPrisma().vdc.findUniqueOrThrow({ where: { id: saved.vdc.id } });
  vdc = { id: row.id, name: row.name, key: row.dockerKey };
  const desired = desiredState({ vdc, revisionId: 'rev_1', manifest: manifest(), secrets: {}, config: { instance: t.instance } });
  await deploySwarmVdc(api, desired, { images });
  const service = `colo-${vdc.key}-web`;
  const tasks = await waitFor('web ×3 running', 60_000, async () => {
    const got = (await runningTasks(swarm.manager.docker, service)).filter((x) => x.state === 'running');
    return got.length === 3 ? got : undefined;
  });
  placed = new Map(tasks.map((x) => [x.slot, x.node]));
  remote = [...placed].filter(([, node]) => node !== swarm.manager.nodeId).map(([slot]) => slot);
  const host = (id: string) => swarm.nodes.find((n) => n.nodeId === id)?.hostname;
  console.log(`web replicas: ${[...placed].map(([slot, node]) => `${slot} on ${host(node)}`).join(', ')}`);
}, 600_000);

afterAll(async () => {
  await terminalRegistry()
    .closeAll('test over')
    .catch(() => {});
  if (api && vdc) await destroySwarmVdc(api, { instance: t.instance, vdcId: vdc.id }).catch(() => {});
  await t?.teardown();
  await swarm?.stop();
});

describe('day two of a VDC on the swarm, through control', () => {
  it('spreads web over the nodes (replicas on other nodes than the manager to reach)', () => {
    expect(placed.size).toBe(3);
    expect(new Set(placed.values()).size).toBeGreaterThanOrEqual(2);
    expect(remote.length).toBeGreaterThan(0);
  });

  it("opens a terminal in each replica on its node: each answers its own hostname, in its own task's container", async () => {
    for (const replica of [1, 2, 3]) {
      const ran = await run(replica, ['hostname']);
      expect(ran.text.trim(), `replica ${replica}`).toBe(`web-${replica}`);
      expect(ran.exitCode).toBe(0);
      expect(ran.container).toMatch(new RegExp(`^colo-${vdc.key}-web\\.${replica}\\.`));
    }
    // An interactive shell too (a TTY), in a replica on another node.
    const opened = await openApplianceTerminal(caller, NAME, 'web', { cols: 80, rows: 24, replica: remote[0] });
    await writeTerminal(caller, opened.id, { data: 'echo "me=$(hostname)"\n' });
    const shell = await read(opened.id, (text) => /me=web-\d/.test(text), 20_000);
    expect(shell.text).toContain(`me=web-${remote[0]}`);
  });

  it('refuses a replica the appliance does not have, in words', async () => {
    await expect(openApplianceTerminal(caller, NAME, 'web', { cols: 80, rows: 24, replica: 4, command: ['true'], tty: false })).rejects.toThrow(
      `web in VDC "${NAME}" has no replica 4 (it has 1, 2, 3)`,
    );
  });

  it('searches logs on every node: the start lines of the replicas on other nodes are there', async () => {
    const result = await waitFor('a start line of every replica', 30_000, async () => {
      const got = await searchLogs(ann, NAME, readLogQuery({}));
      return [1, 2, 3].every((r) => got.entries.some((e) => e.replica === r && e.line.includes(`echo: web-${r} serving`))) ? got : undefined;
    });
    for (const r of remote) {
      const line = result.entries.find((e) => e.replica === r);
      expect(line, `replica ${r}`).toMatchObject({ appliance: 'web', replica: r, stream: 'stdout' });
      expect(line?.container).toMatch(new RegExp(`^colo-${vdc.key}-web\\.${r}\\.`));
    }
    // One replica's logs alone (on a swarm, the slot picks it: its containers carry no replica label).
    const one = await searchLogs(ann, NAME, readLogQuery({ appliance: 'web', replica: String(remote[0]) }));
    expect(one.entries.length).toBeGreaterThan(0);
    expect(new Set(one.entries.map((e) => e.replica))).toEqual(new Set([remote[0]]));
  });

  it('follows logs on every node: a line a replica on another node writes after the catch-up arrives', async () => {
    const marker = `day-two-${randomBytes(4).toString('hex')}`;
    const source = await followVdcLogs(ann, NAME, readLogQuery({ follow: '1' }));
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 60_000);
    let caughtUp = false;
    let seen: { replica: number; line: string } | undefined;
    for await (const e of source(stop.signal)) {
      if (e.event === 'caught-up' && !caughtUp) {
        caughtUp = true;
        // Written to the replica's own stdout (PID 1's), as the application would.
        const wrote = await run(remote[0] as number, ['sh', '-c', `echo ${marker} > /proc/1/fd/1`]);
        expect(wrote.exitCode).toBe(0);
      }
      const entry = e.data as { replica: number; line: string };
      if (e.event === 'log' && caughtUp && entry.line.includes(marker)) {
        seen = entry;
        break;
      }
    }
    clearTimeout(timer);
    stop.abort();
    expect(seen).toMatchObject({ replica: remote[0], line: marker });
  });

  it('samples the metrics of every node: a replica on a node other than the manager has samples', async () => {
    const sampler = createMetricsSampler({ intervalMs: 1000, log: (line) => console.log(line) });
    const first = await sampler.tick(new Date());
    expect(first.containers).toBe(3);
    await new Promise((r) => setTimeout(r, 2000));
    const second = await sampler.tick(new Date());
    expect(second.stored).toBe(3);
    const rows = await getPrisma().metricSample.findMany({ where: { vdcId: vdc.id } });
    expect(rows.map((r) => r.replica).sort()).toEqual([1, 2, 3]);
    for (const r of remote) {
      const row = rows.find((x) => x.replica === r);
      expect(row?.appliance).toBe('web');
      expect(row?.memoryUsed).toBeGreaterThan(0);
    }
  });
});
