// Shared filesystems across the nodes of a swarm: an `fs` volume served by sshd's internal-sftp
// beside it and mounted by sshfs on every node (README.md in this folder).
export { shareClientMount } from './client-mount';
export { ensureShare, type EnsureShareResult } from './ensure-share';
export { MOUNTER_FILES_DIR, type MounterSpec, shareMounterSpec } from './mounter-spec';
export { dockerNodeContainers, type NodeAccess, type NodeContainer, type NodeContainers, readySwarmNodes, type ShareNode } from './node-access';
export { removeShare } from './remove-share';
export { type ShareSecret, type ShareServerSpec, shareLabels, shareNetworkSpec, shareServerSpec, sshdConfig } from './server-spec';
export type { ShareDeps } from './share-deps';
export { authorizedKeysFile, keyPairFromScalar, knownHostsFile, type ShareKeys, type SshKeyPair, shareKeys } from './share-keys';
export * from './share-names';
export { type Share, type ShareOwner, shareOwner } from './share-types';
export { type ShareWiring, shareWiring, type WiredShare } from './share-wiring';
