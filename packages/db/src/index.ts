// @colo/db: the Prisma client (built only here) and the migration runner.
export { createPrismaClient, disconnectPrisma, getPrisma, type Db } from './client';
export { databaseUrl, redactUrl } from './database-url';
export { migrate, migrationChecksum, readMigrations, type MigrateResult, type MigrationFile } from './migrate';
export { Prisma, PrismaClient } from './generated/client';
export type {
  ApiToken,
  Operation,
  OperationLog,
  OperationStep,
  Revision,
  Session,
  User,
  Vdc,
} from './generated/client';
export { OperationKind, OperationStatus, StepStatus, VdcState } from './generated/enums';
