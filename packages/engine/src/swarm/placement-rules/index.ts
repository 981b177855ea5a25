// The manifest's placement on a swarm (issue 10): node choices and failover groups.
export { type GroupMember, type GroupPlacement, groupConstraints } from './group-constraints';
export { type SwarmPlacementOptions, swarmPlacement } from './manifest-placement';
export { listenerNodeId, matchNodes, type PlacementNode, selectorConstraint } from './node-selector';
