// @colo/engine: from a resolved manifest to Docker objects, and the lifecycle of a deployed VDC.
export { type ActualContainer, type ActualState, type ActualStateQuery, readActualState } from './actual-state';
export { type ApplyEvent, type ApplyOptions, type ApplyResult, applyPlan, type StepStatus } from './apply/apply-plan';
export { applianceDependencies, bootLayers } from './boot-order';
export {
  CONTAINER_SYSCTLS,
  type ContainerSecurity,
  containerSecurity,
  securityHostConfig,
  TMPFS_MOUNTS,
} from './desired/container-security';
export { desiredState, type DesiredStateInput } from './desired/desired-state';
export type {
  DesiredContainer,
  DesiredListener,
  DesiredNetwork,
  ListenerTarget,
  NetworkRole,
  DesiredState,
  DesiredVolume,
  NetworkAttachment,
  SpecPart,
  VdcIdentity,
} from './desired/types';
export {
  containerName,
  egressNetworkName,
  envPrefix,
  ingressAlias,
  ingressNetworkName,
  instanceVolumeName,
  listenerName,
  listenerNetworkName,
  snapshotVolumeName,
  volumeToolName,
  wireNetworkName,
} from './docker-names';
export { INTERNAL_NETWORK_OPTIONS } from './desired/networks';
export { EDGE_PROXY_IMAGE, edgeProxyImage, LISTENER_PORT } from './edge/edge-listeners';
export { type ListenerStatus, listenerStatuses } from './edge/listener-status';
export { retargetListener } from './edge/reconfigure-listener';
export { repairListeners } from './edge/repair-listeners';
export { type Serving, servingReplicas } from './edge/target-serving';
export { EngineError, type EngineErrorCode, isEngineError } from './engine-error';
export { baseLabels, LABEL, listenerLabelFilter, type VdcScope, vdcLabelFilter } from './labels';
export { type DestroyResult, type DestroyVdcOptions, destroyVdc } from './lifecycle/destroy-vdc';
export {
  type ContainerFailure,
  containerProblem,
  describeFailure,
  FAILURE_EVENT_ACTIONS,
  FailureDetector,
  type FailureKind,
} from './lifecycle/failure-reasons';
export { type StartVdcOptions, startVdc } from './lifecycle/start-vdc';
export { type StopVdcOptions, stopVdc } from './lifecycle/stop-vdc';
export type { LifecycleOptions } from './lifecycle/vdc-containers';
export { type ApplianceStatus, type ContainerStatus, type VdcStatus, type VdcStatusOptions, vdcStatus } from './lifecycle/vdc-status';
export { formatNetworks, formatPlan } from './plan/format-plan';
export { planDeploy, summarizePlan } from './plan/plan';
export { planVdc } from './plan/plan-vdc';
export type { Plan, PlanAction, PlanKind, PlanNetworks, PlanStep, PlanSummary } from './plan/types';
export { createDockerRuntime } from './runtime/docker-runtime';
export { type ContainerStats, toContainerStats } from './runtime/container-stats';
export { type FollowLogsOptions, followLogs } from './runtime/follow-logs';
export { type ReadLogsOptions, readLogs, type TimedLogLine } from './runtime/read-logs';
export { type ContainerEvent, type EventWatch, type WatchEventsOptions, watchContainerEvents } from './runtime/watch-events';
export { type LogLine, LogLineDecoder, type LogStreamName } from './runtime/log-frames';
export { openContainerShell, type ShellOptions, type TerminalSize } from './shell/container-shell';
export {
  type ContainerDetails,
  type ContainerState,
  type ContainerSummary,
  type CommitOptions,
  type ExecResult,
  type HealthState,
  type ImageConfig,
  type InteractiveExec,
  type InteractiveExecOptions,
  MUTATING_RUNTIME_METHODS,
  type NetworkSpec,
  type NetworkSummary,
  type PublishedPort,
  type Runtime,
  type VolumeSpec,
  type VolumeSummary,
  type WaitHealthyOptions,
} from './runtime/runtime';
export { type CopyMethod, type CopyProgress, type CopyVolumesResult, formatBytes } from './volumes/copy-volumes';
export {
  type CloneSource,
  cloneVolumes,
  type InstanceVolume,
  removeSnapshotVolumes,
  restoreVolumes,
  type SnapshotVolume,
  snapshotVolumes,
  snapshotVolumesOf,
  unpauseVdc,
  vdcVolumes,
  type VolumeCopyResult,
} from './volumes/vdc-volumes';
export { VOLUME_TOOL_CLASS, volumeToolImage } from './volumes/volume-tool';
export {
  type FillVolumesInput,
  fillVolumes,
  measureVolumeArchive,
  openVolumeReader,
  TRANSFER_TOOL_ROLE,
  transferToolsPastDeadline,
  type VolumeArchiveToolOptions,
  type VolumeFill,
  type VolumeReader,
} from './volumes/volume-archives';
export { VOLUME_TOOL_LIMITS } from './volumes/tool-container';
export { cancelCopiesInHostTool, copiesRunningInHostTool, HOST_VOLUME_TOOL_ROLE } from './volumes/host-tool';
export { measureVolumeUsage, parseDf, type VolumeUsage } from './volumes/volume-usage';
export { desiredEntry, ENTRY_LABEL, ENTRY_ROLE, type EntryOptions, type EntrySpec, ensureEntry, entryBridgeName, entryListenerName, removeEntry } from './edge/entries';
export { type ExposedTerminal, exposedTerminals, listenerTarget } from './edge/edge-listeners';
export {
  CLASS_VERSION_LABEL,
  type CommitPrototypeOptions,
  commitPrototype,
  discardPrototype,
  findPrototype,
  listPrototypes,
  type OpenPrototypeOptions,
  openPrototype,
  openPrototypeShell,
  type PrototypeInfo,
  PROTOTYPE_ROLE,
  prototypeName,
  runInPrototype,
} from './classes/prototype';
export { CLASS_VOLUME_ROLE, classVolumeName, ensureClassVolumes, sweepClassVolumes } from './volumes/class-volumes';
export type {
  ClusterApi,
  ClusterMode,
  ClusterNode,
  ClusterStatus,
  HostInfo,
  InitOptions,
  JoinCommand,
  LabelChange,
  NodeAvailability,
  NodeRole,
  NodeRun,
  NodeState,
} from './swarm/nodes/cluster-api';
export { createDockerCluster } from './swarm/nodes/docker-cluster';
export { saveImages } from './swarm/nodes/save-images';
export {
  CA_DAYS,
  certificatesNeed,
  createRegistryCa,
  createRegistryCertificates,
  issueLeaves,
  issueRegistryCertificate,
  LEAF_DAYS,
  type PemPair,
  type RegistryCertificates,
  subjectAltNames,
} from './swarm/registry/registry-pki';
export { type EnsureRegistryOptions, ensureRegistry, type RegistryState, removeRegistry } from './swarm/registry/ensure-registry';
export {
  DEFAULT_REGISTRY_PORT,
  REGISTRY_NODE_LABEL,
  REGISTRY_ROLE,
  RELAY_ADDRESS,
  RELAY_ROLE,
  registryServiceName,
  registryVolumeName,
  relayServiceName,
} from './swarm/registry/registry-services';
export { type PushedImage, pinnedReference, pushedReference, pushImage, registryTag, resolveServiceImage, splitReference } from './swarm/registry/push-image';
export { type DistributedImage, distributeBySaveLoad } from './swarm/registry/distribute-images';
export {
  applySwarmPlan,
  choosePinnedNodes,
  createDockerSwarmApi,
  type DesiredService,
  type DesiredSwarm,
  type DesiredSwarmOptions,
  deploySwarmVdc,
  desiredSwarm,
  destroySwarmVdc,
  formatSwarmPlan,
  isSwarmManager,
  listenerNode,
  pinGroups,
  planSwarm,
  planSwarmVdc,
  nodeInfo,
  readActualSwarm,
  type SwarmNodeInfo,
  SWARM_CANNOT_EXPRESS,
  SWARM_LABEL,
  type SwarmApi,
  type SwarmApplyEvent,
  type SwarmNodeRecord,
  type SwarmTaskInfo,
  type SwarmApplyOptions,
  type SwarmPlan,
  type SwarmPlanStep,
  serviceName,
  swarmServingReplicas,
  swarmReplicaHealth,
  type SwarmReplicaHealth,
  listenerRepairPlan,
  repairSwarmListeners,
  shareClientRule,
  startSwarmAppliances,
  startSwarmVdc,
  stopSwarmAppliances,
  stopSwarmVdc,
} from './swarm/deploy';
export * from './swarm/shares';
export { createSwarmRegistry, registryImages, type SwarmRegistry } from './swarm/registry/swarm-registry';
export { swarmImages } from './swarm/deploy';
export { describeRegistryStatus, type RegistryStatus, type RegistryTask, registryStatus, waitForRegistry } from './swarm/registry/registry-status';
export { createSwarmEngine, directNodeAccess, directNodeEngines, type NodeEngine, type SwarmDeployOptions, type SwarmEngine, type SwarmReplicaStatus, type SwarmServiceStatus, type SwarmVdcPlan, swarmVdcStatus, withShareMounts } from './swarm/deploy';
export * from './swarm/agent';
export { groupConstraints, listenerNodeId, matchNodes, type SwarmPlacementOptions, selectorConstraint, swarmPlacement } from './swarm/placement-rules';
export * from './swarm/data';
