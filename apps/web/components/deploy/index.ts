// What the editor mounts for deploying and watching a VDC (docs/editor-contracts.md).
export { ApplianceDetail } from './appliance-detail';
export { DeployButton, type DeployButtonProps } from './deploy-button';
export { LifecycleMenu } from './lifecycle-menu';
export { applianceLiveState, deriveNodes } from './live-state';
export { NodeStateBadge, type NodeStateBadgeProps } from './node-state-badge';
export { OperationsPanel } from './operations-panel';
export type { NodeLive, NodeLiveState, OperationBody, VdcStatusBody } from './types';
export { useVdcLive, type VdcLive } from './use-vdc-live';
