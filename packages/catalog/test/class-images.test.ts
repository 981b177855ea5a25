// ensureClassImages against the real engine, on small throwaway classes: a build is labelled
// with the folder hash, an unchanged folder costs nothing, a change rebuilds, and a failing
// build names the class and the step.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCatalogError } from '../src/catalog-error';
import { BUILD_HASH_LABEL, type ClassBuildEvent, ensureClassImages } from '../src/ensure-class-images';
import { loadCatalog } from '../src/load-catalog';
import { docker, RUN } from './harness';

const CLASS_YAML = (id: string) => `id: ${id}
version: 1
title: Test ${id}
image: colo-test-catalog/${id}-${RUN}:1
resources: { cpu: { min: 0.1, max: 1, default: 0.1 }, memory: { min: 16Mi, max: 64Mi, default: 32Mi } }
`;

describe('ensureClassImages', () => {
  let root: string;
  const images: string[] = [];

  beforeAll(async () => {
    root = path.join(await mkdtemp(path.join(tmpdir(), 'colo-images-')), 'templates');
    const tiny = path.join(root, 'appliances', 'tiny');
    await mkdir(tiny, { recursive: true });
    await writeFile(path.join(tiny, 'class.yaml'), CLASS_YAML('tiny'));
    await writeFile(path.join(tiny, 'message.txt'), 'one\n');
    await writeFile(path.join(tiny, 'Dockerfile'), `FROM debian:bookworm-slim\nLABEL colo.test=catalog colo.test.run=${RUN}\nCOPY message.txt /message.txt\n`);
    const broken = path.join(root, 'appliances', 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(path.join(broken, 'class.yaml'), CLASS_YAML('broken'));
    await writeFile(
      path.join(broken, 'Dockerfile'),
      `FROM debian:bookworm-slim\nLABEL colo.test=catalog colo.test.run=${RUN}\nRUN echo preparing\nRUN echo "no such thing" >&2 && exit 3\n`,
    );
    images.push(`colo-test-catalog/tiny-${RUN}:1`, `colo-test-catalog/broken-${RUN}:1`);
  });

  afterAll(async () => {
    for (const image of images) await docker.getImage(image).remove({ force: true }).catch(() => {});
    // Steps that succeeded before the broken one stay behind as untagged layers; they carry this
    // run's label from the Dockerfile, so other runs' layers (and anyone else's) are left alone.
    // Docker refuses to delete a layer another image builds on, so this never touches anything
    // still in use; two passes free the parents of the children.
    for (let pass = 0; pass < 2; pass++) {
      const layers = await docker.listImages({ all: true, filters: { label: [`colo.test.run=${RUN}`], dangling: ['true'] } });
      for (const layer of layers) await docker.getImage(layer.Id).remove().catch(() => {});
    }
    if (root) await rm(path.dirname(root), { recursive: true, force: true });
  });

  it('builds a missing image, labelled with the folder hash, then skips it while the folder is unchanged', async () => {
    const { catalog } = await loadCatalog(root);
    const events: ClassBuildEvent[] = [];
    const [first] = await ensureClassImages(docker, [catalog.source('tiny')!], { onProgress: (e) => events.push(e) });
    expect(first).toMatchObject({ classId: 'tiny', status: 'built', image: images[0] });
    expect(events[0]).toMatchObject({ type: 'start', reason: 'missing' });
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { step: string }).step)).toContain('3/6 : COPY message.txt /message.txt');
    const info = await docker.getImage(images[0]).inspect();
    expect(info.Config.Labels?.[BUILD_HASH_LABEL]).toBe(first.hash);
    expect(info.Config.Labels?.['colo.class']).toBe('tiny');

    const [again] = await ensureClassImages(docker, [catalog.source('tiny')!]);
    expect(again.status).toBe('cached');
    expect(again.ms).toBeLessThan(2_000);

    const [forced] = await ensureClassImages(docker, [catalog.source('tiny')!], { force: true });
    expect(forced.status).toBe('built');
  });

  it('rebuilds when a file of the class folder changes', async () => {
    const { catalog } = await loadCatalog(root);
    const source = catalog.source('tiny')!;
    const before = (await docker.getImage(images[0]).inspect()).Id;
    await writeFile(path.join(source.dir, 'message.txt'), 'two\n');
    const events: ClassBuildEvent[] = [];
    const [result] = await ensureClassImages(docker, [source], { onProgress: (e) => events.push(e) });
    expect(result.status).toBe('built');
    expect(events[0]).toMatchObject({ type: 'start', reason: 'changed' });
    expect((await docker.getImage(images[0]).inspect()).Id).not.toBe(before);
  });

  it('fails with an error naming the class and the failing step', async () => {
    const { catalog } = await loadCatalog(root);
    const events: ClassBuildEvent[] = [];
    const error = await ensureClassImages(docker, [catalog.source('broken')!], { onProgress: (e) => events.push(e) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCatalogError(error, 'build_failed')).toBe(true);
    if (!isCatalogError(error)) return;
    expect(error.classId).toBe('broken');
    // Docker counts the labels it appends as steps too: 4 of the Dockerfile's, then 3 labels.
    expect(error.step).toBe('4/7 : RUN echo "no such thing" >&2 && exit 3');
    expect(error.message).toMatch(/^class broken: build failed at step 4\/7 : RUN echo "no such thing" >&2 && exit 3: .*non-zero code: 3/);
    expect(error.output).toContain('no such thing');
    expect(events.at(-1)).toMatchObject({ type: 'failed', classId: 'broken' });
  });
});
