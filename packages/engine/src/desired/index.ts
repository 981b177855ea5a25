// @colo/engine/desired: what a VDC's Docker objects should be, as pure functions of a resolved
// manifest. No runtime, no Docker client: the compose export builds its services from these.
export { CONTAINER_SYSCTLS, TMPFS_MOUNTS } from './container-security';
export { desiredState, type DesiredStateInput } from './desired-state';
export type { DesiredContainer, DesiredNetwork, DesiredState, DesiredVolume, NetworkAttachment, VdcIdentity } from './types';
