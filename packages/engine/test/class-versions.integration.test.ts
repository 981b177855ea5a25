// Class patch on the real engine: a prototype of a class version is changed by a script and
// committed as the next version; a class volume is mounted read-only from each version's image;
// moving an appliance to the new version replaces its replicas one at a time.
import { type ApplianceClass, classSchema } from '@colo/manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyEvent } from '../src/apply/apply-plan';
import { commitPrototype, discardPrototype, findPrototype, openPrototype, runInPrototype } from '../src/classes/prototype';
import { desiredState } from '../src/desired/desired-state';
import { LABEL } from '../src/labels';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { CLASS_VOLUME_ROLE, sweepClassVolumes } from '../src/volumes/class-volumes';
import { cleanupInstance, deploy, newVdc, replan, shell, testInstance } from './docker-harness';
import { appliance, ECHO_IMAGE } from './fixtures/test-classes';

const runtime = createDockerRuntime();
const instance = testInstance();
const vdc = newVdc('patch');
const committed = `colo-test/page-${instance}:2-commit`;

function pageClass(version: number, image: string): ApplianceClass {
  return classSchema.parse({
    id: 'page',
    version,
    title: 'Page',
    image,
    terminals: { inputs: [{ name: 'in', protocol: 'http', port: 80 }] },
    volumes: [{ name: 'pages', mountPath: '/srv/pages', kind: 'class' }],
    resources: { cpu: { min: 0.05, max: 1, default: 0.1 }, memory: { min: '16Mi', max: '256Mi', default: '32Mi' } },
    replicas: { min: 1, max: 4, default: 3 },
    health: { test: ['CMD-SHELL', 'busybox wget -q -O /dev/null http://127.0.0.1:80/ || exit 1'], interval: '1s', timeout: '5s', retries: 20 },
  });
}

const desiredFor = (cls: ApplianceClass, revisionId: string) =>
  desiredState({
    vdc,
    revisionId,
    manifest: { name: vdc.name, appliances: [appliance('site', cls, { replicas: 3 })], connections: [] },
    secrets: {},
    config: { instance },
  });

const site = (n: number) => `colo-${vdc.key}-site-${n}`;
const readPage = async (container: string) => (await shell(runtime, container, 'cat /srv/pages/index.html 2>&1 || true')).output.trim();

beforeAll(async () => {
  await deploy(runtime, desiredFor(pageClass(1, ECHO_IMAGE), 'rev_1'));
}, 120_000);

afterAll(async () => {
  await discardPrototype(runtime, instance, 'page').catch(() => undefined);
  await cleanupInstance(instance, runtime);
  await runtime.removeImage(committed).catch(() => undefined);
});

describe('class versions', () => {
  it('mounts a class volume read-only from the version image: what the image holds there, unwritable', async () => {
    // The echo image has nothing at /srv/pages: version 1's class volume is empty.
    expect(await readPage(site(1))).toContain('No such file');
    const write = await shell(runtime, site(2), 'echo x > /srv/pages/x');
    expect(write.exitCode).not.toBe(0);
    expect(write.output).toMatch(/Read-only file system/);
    const volumes = await runtime.listVolumes([`${LABEL.instance}=${instance}`, `${LABEL.role}=${CLASS_VOLUME_ROLE}`]);
    expect(volumes).toHaveLength(1); // one for every replica of the version, not one each
    const mounts = await Promise.all([1, 2, 3].map(async (n) => (await runtime.inspectContainer(site(n)))?.volumes));
    expect(mounts).toEqual([[volumes[0].name], [volumes[0].name], [volumes[0].name]]);
  });

  it('opens one prototype per class, runs a script in it as root, and commits it as the next version', async () => {
    const proto = await openPrototype(runtime, { instance, classId: 'page', version: 1, image: ECHO_IMAGE, online: false });
    const again = await openPrototype(runtime, { instance, classId: 'page', version: 1, image: ECHO_IMAGE, online: false });
    expect(again.id).toBe(proto.id);
    const run = await runInPrototype(runtime, instance, 'page', 'mkdir -p /srv/pages && echo "page v2" > /srv/pages/index.html && id -u');
    expect(run).toEqual({ exitCode: 0, output: '0\n' });
    const failing = await runInPrototype(runtime, instance, 'page', 'echo broken >&2; exit 3');
    expect(failing.exitCode).toBe(3);
    expect(failing.output).toContain('broken');

    const { imageId, from } = await commitPrototype(runtime, { instance, classId: 'page', image: committed, version: 2, note: 'new page', author: 'test' });
    expect(from).toBe(1);
    expect(await runtime.imageId(committed)).toBe(imageId);
    expect(await findPrototype(runtime, instance, 'page')).toBeUndefined();
    // It runs as the version it came from: the image's own command, not the prototype's idle loop.
    const config = await runtime.imageConfig(committed);
    expect(config?.Cmd).toEqual(['/usr/local/bin/echo-start']);
    expect(config?.Entrypoint ?? []).toEqual([]);
    expect(['', '0', 'root']).toContain(config?.User ?? ''); // root, as the echo image runs
    expect(config?.Labels?.[LABEL.class]).toBe('page');
    // Nothing of the prototype's own labels: a replica of the new version is no prototype.
    expect(config?.Labels?.[LABEL.role] ?? '').toBe('');
  });

  it('moves the appliance to the new version replica by replica, each new one healthy before the next goes', async () => {
    const desired = desiredFor(pageClass(2, committed), 'rev_2');
    const plan = await replan(runtime, desired);
    expect(plan.steps.map((s) => `${s.action} ${s.name} ${s.rollingAfter ?? '-'}`)).toEqual([
      `recreate ${site(1)} -`,
      `recreate ${site(2)} ${site(1)}`,
      `recreate ${site(3)} ${site(2)}`,
    ]);
    const events: ApplyEvent[] = [];
    await deploy(runtime, desired, { onEvent: (e) => events.push(e), rollingSettleMs: 200 });
    const order = events.map((e) => `${e.status} ${e.step.name}`);
    expect(order.indexOf(`done ${site(1)}`)).toBeLessThan(order.indexOf(`running ${site(2)}`));
    expect(order.indexOf(`done ${site(2)}`)).toBeLessThan(order.indexOf(`running ${site(3)}`));
    for (const n of [1, 2, 3]) expect(await readPage(site(n))).toBe('page v2');
    expect((await replan(runtime, desired)).steps).toEqual([]);
    expect(await findPrototype(runtime, instance, 'page')).toBeUndefined();

    // Version 1's class volume is mounted by nothing now: the sweep removes it, and only it
    // (once past its grace: a young one may be about to be mounted by a deploy).
    expect(await sweepClassVolumes(runtime, instance)).toEqual([]);
    const removed = await sweepClassVolumes(runtime, instance, 0);
    expect(removed).toHaveLength(1);
    const left = await runtime.listVolumes([`${LABEL.instance}=${instance}`, `${LABEL.role}=${CLASS_VOLUME_ROLE}`]);
    expect(left).toHaveLength(1);
    expect((await runtime.inspectContainer(site(1)))?.volumes).toEqual([left[0].name]);
  });

  it('refuses to remove an image a container still runs', async () => {
    await expect(runtime.removeImage(committed)).rejects.toThrow();
    expect(await runtime.imageId(committed)).toBeDefined();
  });
});
