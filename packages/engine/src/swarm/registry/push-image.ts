// Class images into Colo's registry, through the manager's engine: tag `127.0.0.1:5000/<ref>`,
// push (the manager's own relay carries it to the registry over mTLS), and the reference a
// service must use, pinned by digest so every node runs exactly the pushed image.
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { RELAY_ADDRESS } from './registry-services';

export interface PushedImage {
  /** `127.0.0.1:5000/colo/web-php:1@sha256:…`: what a service's ContainerSpec.Image names. */
  reference: string;
  digest: string;
}

/** `colo/web-php:1` → `{ repository: 'colo/web-php', tag: '1' }` (a registry host port kept in the repository). */
export function splitReference(ref: string): { repository: string; tag: string } {
  const at = ref.indexOf('@');
  const bare = at >= 0 ? ref.slice(0, at) : ref;
  const colon = bare.lastIndexOf(':');
  if (colon > bare.lastIndexOf('/')) return { repository: bare.slice(0, colon), tag: bare.slice(colon + 1) };
  return { repository: bare, tag: 'latest' };
}

/** `colo/web-php:1` → `127.0.0.1:5000/colo/web-php:1`. */
export function registryTag(ref: string): string {
  const { repository, tag } = splitReference(ref);
  return `${RELAY_ADDRESS}/${repository}:${tag}`;
}

/** `colo/web-php:1` + digest → `127.0.0.1:5000/colo/web-php:1@sha256:…`. */
export function pinnedReference(ref: string, digest: string): string {
  return `${registryTag(ref)}@${digest}`;
}

/**
 * Pushes `ref` (an image on the manager, e.g. `colo/web-php:1` or a class version
 * `colo/<class>:<n>`) into the registry and returns its pinned reference. Pushing an image the
 * registry already holds uploads nothing and returns the same digest.
 */
export async function pushImage(docker: Dockerode, ref: string, options: { signal?: AbortSignal } = {}): Promise<PushedImage> {
  const target = registryTag(ref);
  const { repository, tag } = splitReference(target);
  try {
    await docker.getImage(ref).tag({ repo: repository, tag });
  } catch (cause) {
    const missing = (cause as { statusCode?: number }).statusCode === 404;
    throw new EngineError(missing ? 'image_missing' : 'docker_error', missing ? `${ref} is not on the manager` : `cannot tag ${ref} as ${target}`, { cause });
  }
  let stream: NodeJS.ReadableStream;
  try {
    // No credentials: the relay's client certificate is the registry's only check. The engine
    // still wants an X-Registry-Auth header, so an empty one is sent.
    stream = (await docker.getImage(target).push({ authconfig: {}, abortSignal: options.signal } as object)) as NodeJS.ReadableStream;
  } catch (cause) {
    throw new EngineError('docker_error', `cannot push ${target}: ${(cause as Error).message}`, { cause });
  }
  const output = await new Promise<PushProgress[]>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, result: PushProgress[]) => (error ? reject(error) : resolve(result))),
  ).catch((cause: Error) => {
    throw new EngineError('docker_error', `pushing ${target}: ${cause.message}`, { cause, retryable: true });
  });
  const failed = output.find((o) => o.error || o.errorDetail);
  if (failed) {
    throw new EngineError('docker_error', `pushing ${target}: ${failed.error ?? failed.errorDetail?.message}`, { retryable: true });
  }
  const digest = output.map((o) => o.aux?.Digest).find(Boolean) ?? output.map((o) => o.status?.match(/digest: (sha256:[0-9a-f]{64})/)?.[1]).find(Boolean);
  if (!digest) throw new EngineError('docker_error', `pushing ${target}: the engine reported no digest`);
  return { reference: pinnedReference(ref, digest), digest };
}

interface PushProgress {
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/**
 * The pinned reference of `ref` when the registry holds the manager's current image of that tag
 * (pushed, and `ref` not rebuilt since); undefined when it must be pushed first.
 */
export async function pushedReference(docker: Dockerode, ref: string): Promise<string | undefined> {
  const [local, tagged] = await Promise.all([inspect(docker, ref), inspect(docker, registryTag(ref))]);
  if (!local || !tagged || local.Id !== tagged.Id) return undefined;
  const { repository } = splitReference(registryTag(ref));
  const digest = (tagged.RepoDigests ?? []).find((d) => d.startsWith(`${repository}@`))?.slice(repository.length + 1);
  return digest ? pinnedReference(ref, digest) : undefined;
}

/** The reference a service must use for `ref`: pushed first when the registry lacks it. */
export async function resolveServiceImage(docker: Dockerode, ref: string): Promise<string> {
  return (await pushedReference(docker, ref)) ?? (await pushImage(docker, ref)).reference;
}

async function inspect(docker: Dockerode, ref: string): Promise<{ Id: string; RepoDigests?: string[] } | undefined> {
  return docker
    .getImage(ref)
    .inspect()
    .catch((e: { statusCode?: number }) => {
      if (e.statusCode === 404) return undefined;
      throw new EngineError('docker_error', `cannot inspect ${ref}`, { cause: e });
    });
}
