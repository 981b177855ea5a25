// Applies prisma/migrations/*/migration.sql with Prisma's own bookkeeping (`_prisma_migrations`),
// so a database migrated here is one `prisma migrate deploy` recognises, and the reverse.
// Unlike Prisma, each migration runs in one transaction with its bookkeeping row: a failure
// leaves the database as it was and nothing to `migrate resolve`.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The advisory lock key Prisma's schema engine takes, so this runner and Prisma exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

// Built from the path, not `new URL(…, import.meta.url)`, which bundlers take for an asset import.
export const DEFAULT_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');

// The table exactly as Prisma's schema engine creates it for PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
  /** Applied earlier, but the file changed since: the database may not match the schema. */
  modified: string[];
}

export interface MigrateOptions {
  /** The database to migrate: the caller reads it (scripts/migrate.ts: DATABASE_URL). */
  databaseUrl: string;
  migrationsDir?: string;
  log?: (message: string) => void;
}

/** Prisma's checksum: sha256 hex of the file's bytes. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: migrationChecksum(sql) };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // Session-level lock: held across the per-migration transactions, released on unlock or
    // when the connection dies, so a killed runner never leaves the database locked.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );
      const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed.length > 0) {
        throw new Error(
          `migration ${failed[0].migration_name} failed earlier and was not resolved; ` +
            'fix the database, then run `prisma migrate resolve` for it',
        );
      }
      const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]));
      const result: MigrateResult = { applied: [], alreadyApplied: [], modified: [] };
      for (const m of migrations) {
        const previous = done.get(m.name);
        if (previous) {
          result.alreadyApplied.push(m.name);
          if (previous.checksum !== m.checksum) result.modified.push(m.name);
          continue;
        }
        await applyOne(client, m);
        result.applied.push(m.name);
        log(`applied ${m.name}`);
      }
      return result;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, m: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, m.checksum, m.name],
    );
    // Simple-query protocol: the whole file goes as one multi-statement string.
    await client.query(m.sql);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw new Error(`migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
  }
}
