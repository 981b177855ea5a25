// The Docker side of control: one runtime per process (the engine's dockerode wrapper) and the
// settings every engine call needs. Tests may swap the runtime (e.g. one that counts calls).
// The engine is found the way the docker CLI finds it: DOCKER_HOST (checked in config.ts), else
// the local socket. The web app in docker-compose.yml points it at the read-only proxy.
import { createDockerRuntime, type Runtime } from '@colo/engine';
import type { Vdc } from '@colo/db';
import { controlEnv, controlEnvironment, controlEnvSchema } from '../config';

const holder = globalThis as typeof globalThis & { __coloRuntime?: Runtime };

export function getRuntime(): Runtime {
  if (!holder.__coloRuntime) {
    // A malformed DOCKER_HOST stops here with its name, not somewhere inside dockerode.
    const dockerHost = controlEnvSchema.shape.DOCKER_HOST.safeParse(controlEnvironment().DOCKER_HOST);
    if (!dockerHost.success) throw new Error(`invalid environment: DOCKER_HOST: ${dockerHost.error.issues[0]?.message}`);
    holder.__coloRuntime = createDockerRuntime();
  }
  return holder.__coloRuntime;
}

export function setRuntime(runtime: Runtime | undefined): void {
  holder.__coloRuntime = runtime;
}

export function engineConfig(): { instance: string; publishHost: string; imageNamespace: string } {
  const env = controlEnv();
  return { instance: env.COLO_INSTANCE, publishHost: env.COLO_PUBLISH_HOST, imageNamespace: env.COLO_IMAGE_NAMESPACE };
}

export function vdcIdentity(vdc: Pick<Vdc, 'id' | 'name' | 'dockerKey'>) {
  return { id: vdc.id, name: vdc.name, key: vdc.dockerKey };
}

export function vdcScope(vdc: Pick<Vdc, 'id'>) {
  return { instance: engineConfig().instance, vdcId: vdc.id };
}
