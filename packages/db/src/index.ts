// @colo/db: the Prisma client (built only here). The migration runner is `@colo/db/migrate`,
// kept out of this entry so apps that only query never bundle it.
export { configureDatabase, createPrismaClient, disconnectPrisma, getPrisma, type Db } from './client';
export { databaseUrl, redactUrl } from './database-url';
export { Prisma, PrismaClient } from './generated/client';
export type {
  ApiToken,
  ApplianceFailure,
  ApplianceFlag,
  Operation,
  OperationLog,
  OperationStep,
  Revision,
  Schedule,
  Session,
  Snapshot,
  Entry,
  User,
  Vdc,
  Team,
  TeamMember,
  TeamInvite,
  TeamQuota,
  AuditEvent,
  AlertRule,
  Alert,
  AlertDelivery,
  AlertDeliveryAttempt,
  SmtpSettings,
  MetricSample,
  MetricRollup,
} from './generated/client';
export { EntryState, FailureKind, OperationKind, OperationStatus, ScheduleKind, SnapshotStatus, StepStatus, TeamRole, UserRole, VdcState } from './generated/enums';
