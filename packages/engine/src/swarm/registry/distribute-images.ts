// The other way to get an image onto nodes: `docker save` once from a source engine, the one
// stream fanned out to `docker load` on every node at once. No registry needed, so it is the
// fallback (and how the relay's own image reaches a node), and the baseline `bench/swarm.ts`
// measures the registry against.
import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';

export interface DistributedImage {
  ref: string;
  /** Wall time from the save's first byte asked to the last node's load done. */
  ms: number;
}

export async function distributeBySaveLoad(from: Dockerode, nodes: Dockerode[], ref: string): Promise<DistributedImage> {
  const started = Date.now();
  let source: NodeJS.ReadableStream;
  try {
    source = await from.getImage(ref).get();
  } catch (cause) {
    const missing = (cause as { statusCode?: number }).statusCode === 404;
    throw new EngineError(missing ? 'image_missing' : 'docker_error', `cannot save ${ref}: ${(cause as Error).message}`, { cause });
  }
  // pipe() into several streams waits for the slowest: memory stays bounded by one chunk each.
  const branches = nodes.map(() => new PassThrough({ highWaterMark: 1024 * 1024 }));
  for (const branch of branches) source.pipe(branch);
  source.on('error', (error) => {
    for (const branch of branches) branch.destroy(error);
  });
  await Promise.all(nodes.map((node, i) => loadInto(node, branches[i] as PassThrough, ref)));
  return { ref, ms: Date.now() - started };
}

async function loadInto(node: Dockerode, tar: PassThrough, ref: string): Promise<void> {
  try {
    const answer = await node.loadImage(tar);
    await new Promise<void>((resolve, reject) =>
      node.modem.followProgress(answer, (error: Error | null, output: { error?: string }[]) => {
        const failed = error?.message ?? output.find((o) => o.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      }),
    );
  } catch (cause) {
    tar.resume(); // a failed node must not hold the others back
    throw new EngineError('docker_error', `loading ${ref} into a node: ${(cause as Error).message}`, { cause });
  }
}
