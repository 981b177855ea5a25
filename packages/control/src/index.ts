// @colo/control: the domain of Colo — users and tokens, VDCs and revisions, operations and
// their runners, secrets. Framework-free: the web app and the worker are thin glue over this.
export {
  type ApiTokenInfo,
  type AuthUser,
  authenticate,
  authenticateToken,
  createApiToken,
  listApiTokens,
  type NewTokenOptions,
  revokeApiToken,
  type TokenCaller,
} from './auth/api-tokens';
export { requireScope, SCOPE_MEANING, scopeAllows, TOKEN_SCOPES, type TokenScope } from './auth/token-scope';
export { checkNewPassword, hasAnyUser, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, setupFirstAdmin } from './auth/first-admin';
export { logIn, type LogInResult } from './auth/log-in';
export {
  closeLoginRateLimit,
  DEFAULT_LOGIN_LIMITS,
  type LoginAttempt,
  type LoginLimits,
  loginSucceeded,
  returnLoginAttempt,
  takeLoginAttempt,
} from './auth/login-rate-limit';
export { hashPassword, needsRehash, SCRYPT_COST, verifyPassword } from './auth/password';
export { authenticateSession, createSession, endSession, type ResumedSession, resumeSession, SESSION_TTL_MS } from './auth/sessions';
export { createUser, ensureLocalAdmin, type LocalAdmin, setPassword, signIn } from './auth/users';
export { listUsers } from './auth/list-users';
export { CUSTOM_IMAGE_CLASS, customImageIssues } from './custom-images/custom-image-issues';
export { allowCustomImage, allowedImageReferences, type CustomImageView, disallowCustomImage, listCustomImages } from './custom-images/custom-image-list';
export { canonicalImageReference } from './custom-images/image-reference';
export { requireAdmin, type UserRole, userRole } from './auth/roles';
export { catalogView, validateForUser } from './catalog-view';
export { type ComposeImportRequest, type ComposeImportResult, importComposeVdc } from './compose/import-compose-vdc';
export { type ComposeExport, type ComposeExportRequest, exportComposeVdc } from './compose/export-compose-vdc';
export { type BundleImportRequest, type BundleImportResult, importBundleVdc } from './bundles/import-bundle-vdc';
export { type BundleExportRequest, exportBundleVdc } from './bundles/export-bundle-vdc';
export { type BundleDataExport, type BundleDataExportRequest, exportBundleDataVdc } from './bundles/export-bundle-data';
export { type BundleArchiveImportRequest, type BundleArchiveImportResult, importBundleArchiveVdc } from './bundles/import-bundle-data';
export { DEFAULT_DATA_ARCHIVE_LIMITS } from '@colo/bundle';
export { getCatalog, getLoadedCatalog, type LoadedCatalog, reloadCatalog, setCatalog } from './catalog';
export { type ControlEnv, configureControl, controlEnv, controlEnvSchema, decodeSecretKey, type Environment } from './config';
export { getRuntime, setRuntime } from './docker/engine-access';
export { type PlanPreview, planManifest, planVdc } from './docker/plan-vdc';
export { checkEdgeListeners, type EdgeCheck, publishedPorts } from './docker/edge-watch';
export { type ApplianceStatusView, type ContainerStatusView, type EdgeStatusView, vdcStatus, type VdcStatusView } from './docker/vdc-status';
export { ColoError, type ColoErrorCode, isColoError } from './errors';
export { type ApplianceFailureSummary, clearApplianceFlags, failureSummaries } from './failures/appliance-flags';
export { type FlapGuard, type FlapGuardOptions, startFlapGuard } from './failures/flap-guard';
export { flagReason, type RecordOutcome, recordFailure } from './failures/record-failure';
export { type ApplianceDetailView, applianceDetail, type ContainerDetailView } from './live/appliance-detail';
export { type ApplianceLogLine, applianceLogs, followApplianceLogs, MAX_LOG_TAIL } from './live/appliance-logs';
export { EVENT_STREAM_HEADERS, type EventStreamOptions, formatServerEvent, type ServerEvent, toEventStream } from './live/event-stream';
export { type LiveStreamOptions, openLiveStream, openStreamCount, takeStreamSlot } from './live/live-stream';
export { openVdcEvents, type VdcEventsTiming } from './live/vdc-events';
export { followLogs as followVdcLogs, LOG_RESCAN_MS } from './logs/follow-logs';
export { formatLogEntry, type LogEntry, truncatedNote } from './logs/log-entry';
export { detectLevel, LOG_LEVELS, type LogLevel } from './logs/log-level';
export { type LogQuery, readLogQuery } from './logs/log-query';
export { type LogSearchResult, searchLogs } from './logs/search-logs';
export { type ClaimOptions, claimVdcFor, type ClaimResult, releaseVdcFrom } from './operations/claim';
export { FencedError, isFenced, type RunFence, withFence } from './operations/fence';
export { fencedRuntime } from './operations/fenced-runtime';
export { HEARTBEAT_MS, LEASE_MS, type LeaseTiming, leaseOwnerId, RunLease } from './operations/lease';
export { toColoError } from './operations/classify-error';
export type { LogLineView, OperationView, StepView } from './operations/operation-views';
export {
  closeQueue,
  enqueueOperation,
  jobPresence,
  MAX_ATTEMPTS,
  type OperationJob,
  operationJobOptions,
  operationJobSchema,
  OPERATIONS_QUEUE,
  operationsQueueName,
  redisConnection,
  requeueLostOperations,
} from './operations/queue';
export { getOperation, listOperations } from './operations/read-operations';
export { type OperationParams, requestOperation } from './operations/request-operation';
export { failOperation, finishFailed, MAX_RUNS, type RunOptions, type RunResult, runOperation } from './operations/run-operation';
export { type AuditActor, type AuditEntry, type AuditOutcome, recordAudit, SYSTEM_ACTOR } from './audit/record-audit';
export { type AuditVdc, auditVdcRef } from './audit/audit-vdc-ref';
export { type AuditTokenRef, auditTokenRef } from './audit/audit-token-ref';
export { AUDIT_OUTCOMES, type AuditFilter, type AuditFilterInput, parseAuditFilter, parseAuditTime } from './audit/audit-filter';
export { auditVisibility } from './audit/audit-visibility';
export type { AuditEventView } from './audit/audit-view';
export { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, type AuditPage, type AuditQuery, listAuditEvents } from './audit/list-audit';
export { AUDIT_CSV_COLUMNS, csvCell } from './audit/audit-csv';
export { AUDIT_EXPORT_CAP, type AuditExport, type AuditExportFormat, exportAuditEvents } from './audit/export-audit';
export { auditOperationEnd, auditSystemRequest, finishedAction, type SystemRequester } from './audit/system-events';
export { acceptInvite, type CreatedInvite, createInvite, previewInvite, revokeInvite } from './teams/team-invites';
export { createTeam, deleteTeam, findTeam, getTeam, listTeams, removeMember, renameTeam, setMemberRole } from './teams/manage-teams';
export { type Membership, membershipsOf } from './teams/team-access';
export { findReachableVdc, type ReachableVdc } from './vdcs/find-vdc';
export { ROLE_MEANING, roleAllows, TEAM_ROLES, type TeamRole } from './teams/team-roles';
export type { TeamInviteView, TeamMemberView, TeamSummary, TeamView } from './teams/team-views';
export { getTeamQuota, setTeamQuota, type TeamQuotaView } from './quotas/team-quota';
export { type Overview, type OverviewTeam, type OverviewVdc, overviewFor } from './overview/overview';
export { type HealthWord, type VdcHealth } from './overview/vdc-health';
export { addMissingSecrets, type StoredSecrets } from './add-missing-secrets';
export { type HostPortProbe, type HostPortState, setHostPortProbe } from './manifests/host-port-probe';
export { type NearPort, portsView } from './manifests/ports-view';
export type { QuotaAmounts } from './quotas/quota-amounts';
export type { QuotaOverrides } from './quotas/quota-limits';
export {
  getUserQuota,
  meView,
  type QuotaInput,
  quotaInputSchema,
  type QuotaView,
  setUserQuota,
  type UserQuotaView,
  type UserView,
} from './quotas/user-quota';
export { openSecrets, sealSecrets, type VdcSecrets } from './secrets';
export { getSnapshot, listSnapshots } from './snapshots/read-snapshots';
export { sweepAbandonedCopies } from './snapshots/sweep-abandoned';
export { thawAbandonedPauses } from './snapshots/thaw-paused';
export type { SnapshotView, SnapshotVolumeView } from './snapshots/snapshot-views';
export { createEntry, deleteEntry, entryCreateSchema, type EntryRequest, entrySwitchSchema, switchEntry } from './entries/request-entry';
export { listEntries, readEntryView as getEntry } from './entries/read-entries';
export { startWakeWatch, type WakeWatch, type WakeWatchOptions, wakeEntryVdc } from './entries/entry-wake';
export type { EntryView } from './entries/entry-views';
export { CronError, nextRun, parseCron } from './schedules/cron';
export { type FiredSchedule, fireDueSchedules } from './schedules/fire-schedules';
export {
  createSchedule,
  deleteSchedule,
  listSchedules,
  type ScheduleCreate,
  scheduleCreateSchema,
  type ScheduleUpdate,
  scheduleUpdateSchema,
  updateSchedule,
} from './schedules/manage-schedules';
export { type ScheduleTicker, startScheduleTicker } from './schedules/schedule-ticker';
export * from './alerts';
export type { ScheduleView } from './schedules/schedule-views';
export { deleteVdc } from './vdcs/delete-vdc';
export { getVdc, listRevisions, listVdcs } from './vdcs/read-vdcs';
export { renameVdc } from './vdcs/rename-vdc';
export { createVdc, type SavedVdc, updateVdc } from './vdcs/save-vdc';
export type { RevisionSummary, RevisionView, VdcListItem, VdcView } from './vdcs/vdc-views';
export { shutdownControl } from './shutdown';
export {
  classCommitSchema,
  classRollbackSchema,
  commitClassVersion,
  deleteClassVersion,
  discardClassPrototype,
  openClassPrototype,
  prototypeOpenSchema,
  prototypeRunSchema,
  type Rollout,
  rollbackClass,
  rolloutClass,
  runInClassPrototype,
} from './classes/class-patch';
export { type ClassVersionView, type ClassView, classView, listClasses } from './classes/class-versions';
export { sweepUnusedClassVolumes } from './classes/sweep-class-volumes';
export { type CallWorkerOptions, callWorker } from './worker-calls/call-worker';
export { type ServeWorkerCallsOptions, serveWorkerCalls, type WorkerCallServer } from './worker-calls/serve-worker-calls';
export { type WorkerCallName, WORKER_CALLS } from './worker-calls/worker-call-registry';
export { workerCallsQueueName } from './worker-calls/worker-call-queue';
export { openPrototypeTerminal, prototypeTerminalTarget } from './classes/prototype-terminal';
export { type OpenedApplianceTerminal, openApplianceTerminal } from './terminal/appliance-terminal';
export { DEFAULT_TERMINAL_LIMITS, type TerminalLimits } from './terminal/terminal-limits';
export { closeAllTerminals, setTerminalRegistry, TerminalRegistry, terminalRegistry } from './terminal/terminal-registry';
export {
  closeTerminal,
  MAX_TERMINAL_INPUT_BYTES,
  type OpenedTerminal,
  openTerminal,
  recheckTerminalsOf,
  resizeTerminal,
  type TerminalCaller,
  terminalEvents,
  terminalInputSchema,
  terminalSizeSchema,
  writeTerminal,
} from './terminal/terminal-requests';
export type { TerminalEvent, TerminalSession } from './terminal/terminal-session';
export type { TerminalTarget } from './terminal/terminal-target';
export {
  type AssemblyImportResult,
  type AssemblyUseView,
  type AssemblyView,
  deleteAssembly,
  exportAssemblyFor,
  importAssemblyFor,
  getAssembly,
  getAssemblyVersion,
  listAssemblies,
  type SavedAssembly,
  saveAssembly,
  type SharingInput,
  setAssemblySharing,
  sharingInputSchema,
} from './assemblies';
export {
  type ApplianceMetrics,
  type CurrentUsage,
  createMetricsSampler,
  currentUsage,
  METRIC_RANGES,
  type MetricPoint,
  type MetricRange,
  type MetricsSampler,
  type MetricsSamplerOptions,
  type ReplicaMetrics,
  rangeResolution,
  rollUpMetrics,
  startMetricsSampler,
  type TickResult,
  type VdcMetricsView,
  vdcMetrics,
} from './metrics';
export { BOOTSTRAP_LINK_MINUTES, type BootstrapImagesStream, type BootstrapLink, createBootstrapLink, serveBootstrapImages } from './nodes/bootstrap-link';
export { bootstrapImages } from './nodes/bootstrap-images';
export { getCluster, setCluster } from './nodes/cluster-access';
export { type DrainResult, drainAndWait } from './nodes/drain-node';
export { activateNode, DRAIN_WAIT_SECONDS, drainNode, initSwarm, labelNode, listNodes, nodeJoinCommand, removeNode } from './nodes/nodes';
export { registryCaCertificate, registryCertificates } from './registry/registry-ca';
export { ensureSwarmRegistry, getSwarmRegistry, setSwarmRegistry, swarmServiceImage } from './registry/swarm-registry';
export { nodeAgentCertificates, storedNodeAgentCertificates } from './node-agent/agent-certificates';
export { agentNodeAccess, ensureColoNodeAgent, getNodeAgents, locateContainer, type NodeAgentResult, nodeRuntime, setNodeAgentEngine, useNodeAgentAccess } from './node-agent/node-agent';
