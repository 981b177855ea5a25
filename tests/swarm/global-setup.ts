// The swarm node image (Docker in Docker, from Debian) and the test appliance image, built once.
import { ensureSwarmNodeImage } from '../support/swarm';

export default async function setup(): Promise<void> {
  await ensureSwarmNodeImage();
}
