// Once per run of the faults suite: a private Docker daemon with the test image in it. Test
// files find it with inject('dockerDir'); the daemon may be restarted by a test, and whatever
// is running at the end is removed here.
import type { TestProject } from 'vitest/node';
import { BASE_IMAGE, FAULTY_DOCKERFILE, FAULTY_IMAGE } from './harness/faulty-class';
import { attachPrivateDocker, startPrivateDocker } from './harness/private-docker';

declare module 'vitest' {
  export interface ProvidedContext {
    dockerDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const daemon = await startPrivateDocker();
  try {
    await daemon.loadImage(BASE_IMAGE);
    await daemon.buildImage(FAULTY_IMAGE, FAULTY_DOCKERFILE);
  } catch (error) {
    const log = daemon.log();
    await daemon.close();
    throw new Error(`could not prepare the private Docker daemon: ${(error as Error).message}\n${log}`);
  }
  project.provide('dockerDir', daemon.dir);
  return async () => {
    await attachPrivateDocker(daemon.dir).close();
  };
}
