// Builds the test appliance image once (later runs find it by tag and skip the build), and the
// system images (edge proxy, volume tool) through the catalog's builder, cached by its folder's hash like every class.
import { fileURLToPath } from 'node:url';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import Dockerode from 'dockerode';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { ECHO_IMAGE } from './fixtures/test-classes';

export default async function setup(): Promise<void> {
  const runtime = createDockerRuntime();
  if (!(await runtime.imageId(ECHO_IMAGE))) {
    const context = fileURLToPath(new URL('./fixtures/echo-image', import.meta.url));
    await runtime.buildImage(context, ECHO_IMAGE, { 'colo.test-image': 'true' });
  }
  const { system } = await loadCatalog(templatesRoot(process.env));
  for (const id of ['edge-proxy', 'volume-tool']) {
    const source = system.find((s) => s.class.id === id);
    if (!source) throw new Error(`templates/system/${id} is missing`);
    await ensureClassImage(new Dockerode(), source, classBuildSettings(process.env));
  }
}
