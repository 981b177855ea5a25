// An image Colo's own helpers need on a node (the volume tool), brought there through Colo's
// registry: the node pulls the pinned reference from its relay and tags it as the manager names
// it, so the helpers run it by that name as they do on one host. Present already: nothing pulled.
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { splitReference } from '../registry/push-image';

/** `reference` is asked for only when the node lacks the image (making it may push to the registry). */
export async function ensureNodeImage(docker: Dockerode, local: string, referenceOf: () => Promise<string>, signal?: AbortSignal): Promise<'present' | 'pulled'> {
  if (await hasImage(docker, local)) return 'present';
  signal?.throwIfAborted();
  const reference = await referenceOf();
  try {
    const stream = await docker.pull(reference);
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, events?: { error?: string }[]) => {
        const failed = error?.message ?? events?.find((e) => e.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      }),
    );
  } catch (cause) {
    throw new EngineError('image_missing', `a node could not pull ${local} from Colo's registry (${reference}): ${(cause as Error).message}`, { cause });
  }
  const { repository, tag } = splitReference(local);
  await docker.getImage(reference).tag({ repo: repository, tag });
  return 'pulled';
}

async function hasImage(docker: Dockerode, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}
