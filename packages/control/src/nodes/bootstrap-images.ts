// Colo's bootstrap images: what a machine joining the swarm must hold before it can pull anything
// from Colo's registry — the registry relay (it is what serves the registry on the node's
// 127.0.0.1:5000) and the share image (fs wires' mounters start before any pull). Named here once.
// The worker sends them: it alone holds Docker's full API (the web process reads Docker through
// the read-only proxy, which never passes GET /images/get), through a data pipe over Redis.
import { isEngineError, registryImages, saveImages } from '@colo/engine';
import { z } from 'zod';
import { PIPE_ID_PATTERN, PipeWriter } from '../bundles/data-pipe';
import { controlEnv } from '../config';
import { shareImage } from '../docker/swarm-vdc';
import { ColoError } from '../errors';
import { toColoError } from '../operations/classify-error';
import { workerCall } from '../worker-calls/worker-call';

/** The images a new node loads first, as `docker save` names them. */
export function bootstrapImages(): string[] {
  return [registryImages(controlEnv().COLO_IMAGE_NAMESPACE).relay, shareImage()];
}

export const sendBootstrapImagesCall = workerCall({
  input: z.object({ pipe: z.string().regex(PIPE_ID_PATTERN, 'must be a data pipe id') }).strict(),
  timeoutMs: 30_000,
  async run({ pipe }) {
    const images = bootstrapImages();
    let tar: NodeJS.ReadableStream;
    try {
      tar = await saveImages(images);
    } catch (error) {
      if (isEngineError(error, 'image_missing')) throw new ColoError('docker_error', `${error.message}: build Colo's images on this machine first (npx tsx scripts/build-catalog.ts)`);
      throw toColoError(error);
    }
    const writer = new PipeWriter(pipe);
    // Answered once Docker has begun the tar; the bytes follow through the pipe.
    void (async () => {
      try {
        await writer.beginVolume(0);
        for await (const chunk of tar as AsyncIterable<Buffer>) await writer.data(chunk);
        await writer.endVolume();
        await writer.done();
      } catch (error) {
        (tar as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        await writer.fail(`saving Colo's bootstrap images failed: ${(error as Error).message}`);
      }
    })();
    return { images };
  },
});
