// `docker save` of a few images as one tar stream (Docker's GET /images/get): what a machine
// joining the swarm loads before it can pull anything from Colo's registry (control's node
// bootstrap link serves it). Each image is checked first, so a missing one is named in words
// instead of failing the tar halfway.
import Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { toEngineError } from '../../runtime/docker-errors';

/** The images as one tar (`manifest.json` lists their repo tags); throws `image_missing` naming any this engine lacks. */
export async function saveImages(refs: string[], docker: Dockerode = new Dockerode()): Promise<NodeJS.ReadableStream> {
  const missing: string[] = [];
  for (const ref of refs) {
    try {
      await docker.getImage(ref).inspect();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) missing.push(ref);
      else throw toEngineError(error, `inspect image ${ref}`);
    }
  }
  if (missing.length > 0) throw new EngineError('image_missing', `Colo's Docker engine has no image ${missing.join(', ')}`);
  try {
    // dockerode has `getImages` (GET /images/get?names=…) but its types leave it out.
    const saver = docker as Dockerode & { getImages(options: { names: string[] }): Promise<NodeJS.ReadableStream> };
    return await saver.getImages({ names: refs });
  } catch (error) {
    throw toEngineError(error, `save images ${refs.join(', ')}`);
  }
}
