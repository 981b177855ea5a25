// Entries on the real engine: a stable host port owned by Colo, pointing at one VDC's exposed
// terminal, switched to another VDC and back under a steady load of HTTP requests on 127.0.0.1:
// not one request fails, and every answer says which VDC served it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { desiredState } from '../src/desired/desired-state';
import type { DesiredState, VdcIdentity } from '../src/desired/types';
import { listenerTarget } from '../src/edge/edge-listeners';
import { type EntrySpec, ensureEntry, entryBridgeName, entryListenerName, removeEntry } from '../src/edge/entries';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { followLogs } from '../src/runtime/follow-logs';
import { cleanupInstance, deploy, freePort, newVdc, testInstance } from './docker-harness';
import { appliance, webClass } from './fixtures/test-classes';

const instance = testInstance();
const runtime = createDockerRuntime();
const blue = newVdc('blue');
const green = newVdc('green');
const ports: Record<string, number> = {};

function site(vdc: VdcIdentity, greeting: string): DesiredState {
  const manifest = {
    name: vdc.name,
    appliances: [appliance('site', webClass, { expose: [{ terminal: 'in', port: ports[vdc.name] }], properties: { greeting } })],
    connections: [],
  };
  return desiredState({ vdc, revisionId: 'rev_1', manifest, secrets: {}, config: { instance } });
}

function entryTo(vdc: VdcIdentity): EntrySpec {
  const target = listenerTarget(vdc.key, { appliance: 'site', terminal: 'in', port: 80, hostPort: ports[vdc.name] });
  return { id: `ent_${instance}`, instance, publishHost: '127.0.0.1', hostPort: ports.entry, target };
}

/** `site-2 green` → `green`: which VDC answered (any of its replicas). */
const colorOf = (body: string) => /^site-\d+ (\w+)$/.exec(body)?.[1] ?? body;

async function get(port: number, timeoutMs = 10_000): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return (await res.text()).trim();
}

/** Requests every `everyMs` (each on its own connection, not waiting for the last) until stopped. */
function loadLoop(port: number, everyMs: number) {
  const answers: { at: number; body?: string; error?: string }[] = [];
  const pending: Promise<void>[] = [];
  const timer = setInterval(() => {
    const at = Date.now();
    pending.push(
      get(port).then(
        (body) => void answers.push({ at, body }),
        (error: Error) => void answers.push({ at, error: error.message }),
      ),
    );
  }, everyMs);
  return {
    answers,
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return answers.sort((a, b) => a.at - b.at);
    },
  };
}

beforeAll(async () => {
  for (const key of ['blue', 'green', 'entry', 'wake', 'plain']) ports[key] = await freePort();
  await deploy(runtime, site(blue, 'blue'));
  await deploy(runtime, site(green, 'green'));
});
afterAll(async () => {
  await removeEntry(runtime, entryTo(blue)).catch(() => undefined);
  await removeEntry(runtime, { id: `ent_${instance}_wake`, instance, hostPort: ports.wake }).catch(() => undefined);
  await removeEntry(runtime, { id: `ent_${instance}_plain`, instance, hostPort: ports.plain }).catch(() => undefined);
  await cleanupInstance(instance, runtime);
});

it('switches an entry between two VDCs and back under load with no failed request', async () => {
  await ensureEntry(runtime, entryTo(blue));
  expect(colorOf(await get(ports.entry))).toBe('blue');
  const listener = await runtime.inspectContainer(entryListenerName(instance, ports.entry));
  expect(listener?.labels['colo.vdc']).toBeUndefined(); // no VDC's: none of their deploys touch it
  expect(listener?.networks.sort()).toEqual([entryBridgeName(instance, ports.entry), `colo-${blue.key}-ingress-site-in`].sort());

  const load = loadLoop(ports.entry, 40); // 25 requests a second
  await new Promise((r) => setTimeout(r, 1500));
  const switchedAt = Date.now();
  await ensureEntry(runtime, entryTo(green));
  const switchMs = Date.now() - switchedAt;
  await new Promise((r) => setTimeout(r, 1500));
  await ensureEntry(runtime, entryTo(blue));
  await new Promise((r) => setTimeout(r, 1500));
  const answers = await load.stop();

  const failed = answers.filter((a) => a.error);
  expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
  expect(answers.length).toBeGreaterThanOrEqual(80);
  const served = answers.map((a) => colorOf(a.body ?? ''));
  // In order: blue, then green, then blue again (a request is answered by where the entry pointed when it connected).
  const runs = served.filter((b, i) => i === 0 || b !== served[i - 1]);
  expect(runs).toEqual(['blue', 'green', 'blue']);
  const firstGreen = answers.find((a) => colorOf(a.body ?? '') === 'green');
  console.log(`entry switch: ${switchMs} ms for the call; first request to green sent ${(firstGreen?.at ?? 0) - switchedAt} ms after it began; ${answers.length} requests, 0 failed`);

  // The same listener all along, never restarted; asking again for what is changes nothing.
  expect((await runtime.inspectContainer(entryListenerName(instance, ports.entry)))?.id).toBe(listener?.id);
  await ensureEntry(runtime, entryTo(blue));
  expect((await runtime.inspectContainer(entryListenerName(instance, ports.entry)))?.id).toBe(listener?.id);
  expect(colorOf(await get(ports.entry))).toBe('blue');
});

it('removes the entry: its port closes, its bridge goes, the VDCs serve on', async () => {
  await removeEntry(runtime, entryTo(blue));
  await expect(get(ports.entry)).rejects.toThrow();
  expect(await runtime.inspectContainer(entryListenerName(instance, ports.entry))).toBeUndefined();
  expect((await runtime.listNetworks([`colo.instance=${instance}`])).map((n) => n.name)).not.toContain(entryBridgeName(instance, ports.entry));
  expect(colorOf(await get(ports.blue))).toBe('blue');
  expect(colorOf(await get(ports.green))).toBe('green');
  await removeEntry(runtime, entryTo(blue)); // gone already: fine
});

/** The VDC's own replicas of `site` (not its edge listener). */
async function siteReplicas(vdc: VdcIdentity) {
  return (await runtime.listContainers([`colo.instance=${instance}`, `colo.vdc=${vdc.id}`, 'colo.appliance=site'])).filter((c) => c.labels['colo.role'] !== 'edge');
}

it('holds a request while the target is stopped, says so on its log, and serves it once the target answers (wake)', async () => {
  const wake: EntrySpec = { ...entryTo(blue), id: `ent_${instance}_wake`, hostPort: ports.wake, wake: true };
  const plain: EntrySpec = { ...entryTo(blue), id: `ent_${instance}_plain`, hostPort: ports.plain };
  await ensureEntry(runtime, wake);
  await ensureEntry(runtime, plain);
  expect(colorOf(await get(ports.wake))).toBe('blue');
  const replicas = await siteReplicas(blue);
  await Promise.all(replicas.map((c) => runtime.stopContainer(c.id, 2)));
  // HAProxy's checks (every 1 s, 1 s timeout, fall 2) and DNS (hold 1 s) see the replicas gone.
  await new Promise((r) => setTimeout(r, 5000));

  // Without the option: refused at once, nothing held.
  const t0 = Date.now();
  await expect(get(ports.plain)).rejects.toThrow();
  expect(Date.now() - t0).toBeLessThan(3000);

  // With it: the listener holds the request and prints the wake line; "Colo" starts the target.
  const stop = new AbortController();
  const woken = (async () => {
    for await (const { line } of followLogs(entryListenerName(instance, ports.wake), { signal: stop.signal, since: Date.now() / 1000 - 1 })) {
      if (line.startsWith('colo-wake:')) return line;
    }
    return undefined;
  })();
  const held = get(ports.wake, 60_000); // held for as long as the target takes to start
  held.catch(() => undefined); // awaited below; a failure before then must not go unhandled
  const line = await woken;
  stop.abort();
  // The first line, or (when the log follow attached late on a loaded machine) its reminder
  // every 10 s: either asks Colo to start the target, as the worker reads them.
  expect(line).toMatch(/^colo-wake: a connection (still )?waits for site-in-blue-\w+:80$/);
  const wokenAt = Date.now();
  await Promise.all(replicas.map((c) => runtime.startContainer(c.id)));
  expect(colorOf(await held)).toBe('blue');
  console.log(`wake: held request answered ${Date.now() - wokenAt} ms after the target's containers were started`);
  // Running again: served directly, nothing held.
  await new Promise((r) => setTimeout(r, 2500));
  expect(colorOf(await get(ports.wake))).toBe('blue');
  expect(colorOf(await get(ports.plain))).toBe('blue');
}, 120_000);
