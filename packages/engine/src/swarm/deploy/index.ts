// Deploying a VDC onto Docker Swarm (issue 10): what the rest of Colo may use.
export { nodeInfo, readActualSwarm } from './actual-swarm';
export { applySwarmPlan, type SwarmApplyEvent, type SwarmApplyOptions, type SwarmApplyResult } from './apply-swarm-plan';
export { listenerRepairPlan, repairSwarmListeners } from './repair-swarm-listeners';
export { deploySwarmVdc, isSwarmManager, planSwarmVdc, type SwarmDeployOptions, type SwarmVdcPlan } from './deploy-swarm-vdc';
export { type DesiredSwarmOptions, desiredSwarm, serviceName, swarmImages } from './desired-swarm';
export { createDockerSwarmApi } from './docker-swarm-api';
export { choosePinnedNodes, listenerNode, pinGroups, shareClientRule } from './placement';
export type { SwarmApi, SwarmNodeRecord, SwarmTaskInfo } from './swarm-api';
export { SWARM_LABEL } from './swarm-labels';
export { destroySwarmVdc, type SwarmDestroyOptions, type SwarmLifecycleOptions, startSwarmAppliances, startSwarmVdc, stopSwarmAppliances, stopSwarmVdc } from './swarm-lifecycle';
export { withShareMounts } from './share-mounts';
export { createSwarmEngine, directNodeAccess, directNodeEngines, type NodeEngine, type SwarmEngine } from './swarm-engine';
export { type SwarmReplicaHealth, type SwarmReplicaStatus, type SwarmServiceStatus, swarmReplicaHealth, swarmServingReplicas, swarmVdcStatus } from './swarm-status';
export { SWARM_CANNOT_EXPRESS } from './swarm-limits';
export { formatSwarmPlan, planSwarm, type SwarmPlan, type SwarmPlanStep } from './swarm-plan';
export type { DesiredService, DesiredSwarm, ServicePlacement, SwarmNodeInfo, SwarmServiceSpec } from './swarm-types';
