// Builds the test appliance image once; later runs find it by tag and skip the build.
import { fileURLToPath } from 'node:url';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { ECHO_IMAGE } from './fixtures/test-classes';

export default async function setup(): Promise<void> {
  const runtime = createDockerRuntime();
  if (await runtime.imageId(ECHO_IMAGE)) return;
  const context = fileURLToPath(new URL('./fixtures/echo-image', import.meta.url));
  await runtime.buildImage(context, ECHO_IMAGE, { 'colo.test-image': 'true' });
}
