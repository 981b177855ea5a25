// What the editor mounts for deploying and watching a VDC (docs/editor-contracts.md).
export { ApplianceDetail } from './appliance-detail';
export { DeployButton, type DeployButtonProps } from './deploy-button';
export { FollowedOperation } from './followed-operation';
export { LifecycleMenu } from './lifecycle-menu';
export { applianceLiveState, deriveNodes } from './live-state';
export { NodeStateBadge, type NodeStateBadgeProps } from './node-state-badge';
export { noteOperation } from './live-store';
export { operationTitle } from './operation-title';
export { OperationView } from './operation-view';
export { OperationsPanel } from './operations-panel';
export { isActive, type LogLineBody, type NodeLive, type NodeLiveState, type NodeUsage, type OperationBody, type VdcStatusBody } from './types';
export { type OperationFollow, useOperation } from './use-operation';
export { useVdcLive, type VdcLive } from './use-vdc-live';
