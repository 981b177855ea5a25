// Makes sure every class image exists and matches its folder: builds what is missing or changed
// (one at a time: builds are CPU-heavy and the host is shared), skips what is current.
//
// "Current" means the image's `colo.build-hash` label equals the hash of the class folder and of
// its base images' ids, so a re-run with nothing changed only reads files and inspects images.
import { classImage, DEFAULT_IMAGE_NAMESPACE } from '@colo/manifest';
import type Dockerode from 'dockerode';
import { pack } from 'tar-fs';
import { buildHash } from './base-images';
import { BuildOutput } from './build-output';
import { CatalogError } from './catalog-error';
import type { ClassSource } from './file-catalog';
import { hashFolder, listFolderFiles } from './folder-hash';
import { imageNamespace } from './image-namespace';

export const BUILD_HASH_LABEL = 'colo.build-hash';
export const CLASS_LABEL = 'colo.class';
export const CLASS_VERSION_LABEL = 'colo.class-version';

export type ClassBuildEvent =
  | { type: 'cached'; classId: string; image: string; hash: string }
  | { type: 'external'; classId: string; image: string }
  | { type: 'start'; classId: string; image: string; hash: string; reason: 'missing' | 'changed' | 'forced' }
  | { type: 'step'; classId: string; step: string }
  | { type: 'output'; classId: string; line: string }
  | { type: 'built'; classId: string; image: string; hash: string; ms: number }
  | { type: 'failed'; classId: string; image: string; error: CatalogError; ms: number };

export interface ClassImageResult {
  classId: string;
  version: number;
  image: string;
  /** built: built now; cached: the image already matched; external: a prebuilt image the class names. */
  status: 'built' | 'cached' | 'external';
  hash?: string;
  ms: number;
}

export interface EnsureClassImagesOptions {
  /** Build even when the image's hash label matches. */
  force?: boolean;
  /** Build without Docker's layer cache (downloads every package again). */
  noCache?: boolean;
  onProgress?: (event: ClassBuildEvent) => void;
  signal?: AbortSignal;
  /** Repository prefix of the tags built; `colo` unless given (classBuildSettings: COLO_IMAGE_NAMESPACE). */
  namespace?: string;
  /**
   * Network the build's RUN steps use; Docker's default bridge unless given (classBuildSettings:
   * COLO_BUILD_NETWORK). `host` lets a build reach the Debian mirror on an engine whose docker0 is gone.
   */
  network?: string;
}

/** The build options a caller's environment sets (COLO_IMAGE_NAMESPACE, COLO_BUILD_NETWORK): the
 * apps, scripts and tests read their environment and pass it in; this package reads none. */
export function classBuildSettings(env: Record<string, string | undefined>): Pick<EnsureClassImagesOptions, 'namespace' | 'network'> {
  return { namespace: imageNamespace(env), network: env.COLO_BUILD_NETWORK };
}

export async function ensureClassImages(
  docker: Dockerode,
  classes: readonly ClassSource[],
  options: EnsureClassImagesOptions = {},
): Promise<ClassImageResult[]> {
  const results: ClassImageResult[] = [];
  for (const source of classes) {
    options.signal?.throwIfAborted();
    results.push(await ensureClassImage(docker, source, options));
  }
  return results;
}

export async function ensureClassImage(
  docker: Dockerode,
  source: ClassSource,
  options: EnsureClassImagesOptions = {},
): Promise<ClassImageResult> {
  const started = Date.now();
  const cls = source.class;
  const image = classImage(cls, options.namespace ?? DEFAULT_IMAGE_NAMESPACE);
  const emit = options.onProgress ?? (() => {});
  const result = (status: ClassImageResult['status'], hash?: string): ClassImageResult => ({
    classId: cls.id,
    version: cls.version,
    image,
    status,
    hash,
    ms: Date.now() - started,
  });

  // An image each appliance names (`image: "{{ properties.image }}"`, the custom-image class):
  // nothing to build or check here; an admin allows each image and loads it into the engine.
  if (!source.hasDockerfile && image.includes('{{')) {
    emit({ type: 'external', classId: cls.id, image });
    return result('external');
  }
  const existing = await inspectImage(docker, image, cls.id);
  if (!source.hasDockerfile) {
    if (!existing) {
      throw new CatalogError(
        'image_missing',
        `class ${cls.id}: image ${image} is not on this Docker engine and the class has no Dockerfile to build it from`,
        { classId: cls.id },
      );
    }
    emit({ type: 'external', classId: cls.id, image });
    return result('external');
  }

  const files = await listFolderFiles(source.dir);
  const hash = await buildHash(docker, source.dir, await hashFolder(source.dir, files));
  const current = existing?.Config?.Labels?.[BUILD_HASH_LABEL];
  if (current === hash && !options.force) {
    emit({ type: 'cached', classId: cls.id, image, hash });
    return result('cached', hash);
  }

  emit({ type: 'start', classId: cls.id, image, hash, reason: options.force && current === hash ? 'forced' : existing ? 'changed' : 'missing' });
  try {
    const imageId = await build(docker, source, files, image, hash, options);
    const built = await inspectImage(docker, image, cls.id);
    if (built?.Config?.Labels?.[BUILD_HASH_LABEL] !== hash) {
      throw new CatalogError('build_failed', `class ${cls.id}: the build finished but ${image} does not carry the expected build hash`, {
        classId: cls.id,
      });
    }
    // The image this build replaced is stale content under the same version: drop it unless a
    // container still uses it (Docker refuses then, which is what we want).
    if (existing && existing.Id !== (imageId ?? built.Id)) {
      await docker
        .getImage(existing.Id)
        .remove()
        .catch(() => {});
    }
  } catch (error) {
    const failure =
      error instanceof CatalogError
        ? error
        : new CatalogError('build_failed', `class ${cls.id}: build failed: ${(error as Error).message}`, { classId: cls.id, cause: error });
    emit({ type: 'failed', classId: cls.id, image, error: failure, ms: Date.now() - started });
    throw failure;
  }
  const done = result('built', hash);
  emit({ type: 'built', classId: cls.id, image, hash, ms: done.ms });
  return done;
}

function buildNetwork(options: EnsureClassImagesOptions): { networkmode?: string } {
  return options.network ? { networkmode: options.network } : {};
}

async function build(
  docker: Dockerode,
  source: ClassSource,
  files: string[],
  image: string,
  hash: string,
  options: EnsureClassImagesOptions,
): Promise<string | undefined> {
  const cls = source.class;
  const emit = options.onProgress ?? (() => {});
  // The context is exactly the hashed files, so the hash describes what was built.
  // tar-fs streams are streamx streams: they pipe like Node's, which is all docker-modem needs.
  const context = pack(source.dir, { entries: files }) as unknown as NodeJS.ReadableStream;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(context, {
      t: image,
      labels: { [BUILD_HASH_LABEL]: hash, [CLASS_LABEL]: cls.id, [CLASS_VERSION_LABEL]: String(cls.version) },
      rm: true,
      forcerm: true,
      nocache: options.noCache ?? false,
      ...buildNetwork(options),
      abortSignal: options.signal,
    });
  } catch (error) {
    throw new CatalogError('docker_error', `class ${cls.id}: the Docker engine refused the build: ${(error as Error).message}`, {
      classId: cls.id,
      cause: error,
    });
  }

  const output = new BuildOutput();
  const forward = (events: ReturnType<BuildOutput['push']>) => {
    for (const e of events) {
      if (e.step) emit({ type: 'step', classId: cls.id, step: e.step });
      if (e.line) emit({ type: 'output', classId: cls.id, line: e.line });
    }
  };
  for await (const chunk of stream) forward(output.push(chunk as Buffer));
  forward(output.end());

  if (output.error) {
    const step = output.step ? shorten(output.step) : undefined;
    const where = step ? ` at step ${step}` : '';
    throw new CatalogError('build_failed', `class ${cls.id}: build failed${where}: ${output.error}`, {
      classId: cls.id,
      step,
      output: [...output.tail],
    });
  }
  return output.imageId;
}

type ImageInfo = Awaited<ReturnType<Dockerode.Image['inspect']>>;

async function inspectImage(docker: Dockerode, image: string, classId: string): Promise<ImageInfo | undefined> {
  try {
    return await docker.getImage(image).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw new CatalogError('docker_error', `class ${classId}: cannot inspect image ${image}: ${(error as Error).message}`, {
      classId,
      cause: error,
    });
  }
}

function shorten(step: string): string {
  const flat = step.replace(/\s+/g, ' ');
  return flat.length > 140 ? `${flat.slice(0, 137)}...` : flat;
}
