// The Docker side of control: one runtime per process (the engine's dockerode wrapper) and the
// settings every engine call needs. Tests may swap the runtime (e.g. one that counts calls).
import { createDockerRuntime, type Runtime } from '@colo/engine';
import type { Vdc } from '@colo/db';
import { controlEnv } from '../config';

const holder = globalThis as typeof globalThis & { __coloRuntime?: Runtime };

export function getRuntime(): Runtime {
  holder.__coloRuntime ??= createDockerRuntime();
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
