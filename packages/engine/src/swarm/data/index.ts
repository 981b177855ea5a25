// A swarm VDC's data across nodes: snapshots into Colo's store, moves between nodes.
export { ensureNodeImage } from './node-image';
export { collectSwarmVolumes, type DataRunOptions, type MoveSource, type MoveVolumesInput, moveSwarmVolumes, removeNodeVolumes, type SwarmDataDeps, snapshotSwarmVolumes, type SwarmSnapshotResult } from './swarm-data';
export { type PinnedVolume, pinnedNodes, pinnedVolumes } from './swarm-volumes';
export { transferVolumes, type TransferredVolume, type VolumeTransfer } from './transfer-volumes';
