import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationChecksum, readMigrations } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';

const dbs: TestDatabase[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function fresh(): Promise<TestDatabase> {
  const db = await createTestDatabase('migrate', { migrate: false });
  dbs.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'colo-migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migrate', () => {
  it('creates every table on a fresh database and records it as Prisma does', async () => {
    const db = await fresh();
    const result = await migrate({ databaseUrl: db.url });
    const files = readMigrations();
    expect(result.applied).toEqual(files.map((f) => f.name));

    const tables = await query<{ table_name: string }>(
      db.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['User', 'ApiToken', 'Session', 'Vdc', 'Revision', 'Operation', 'OperationStep', 'OperationLog', '_prisma_migrations']),
    );
    const rows = await query<Record<string, unknown>>(db.url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows).toHaveLength(files.length);
    const [row] = rows;
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row.checksum).toBe(migrationChecksum(files[0].sql));
    expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.rolled_back_at).toBeNull();
    expect(row.logs).toBeNull();
    expect(row.applied_steps_count).toBe(1);
  });

  it('does nothing the second time', async () => {
    const db = await fresh();
    await migrate({ databaseUrl: db.url });
    const second = await migrate({ databaseUrl: db.url });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied.length).toBeGreaterThan(0);
    const rows = await query(db.url, 'SELECT 1 FROM "_prisma_migrations"');
    expect(rows).toHaveLength(second.alreadyApplied.length);
  });

  it('lets only one of two racing runners apply a migration', async () => {
    const db = await fresh();
    const [a, b] = await Promise.all([migrate({ databaseUrl: db.url }), migrate({ databaseUrl: db.url })]);
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, readMigrations().length]);
  });

  it('rolls a failing migration back entirely and records nothing', async () => {
    const db = await fresh();
    const dir = migrationsDir({
      '001_ok': 'CREATE TABLE "A" ("id" TEXT NOT NULL);',
      '002_bad': 'CREATE TABLE "B" ("id" TEXT NOT NULL);\nSELECT no_such_function();',
    });
    await expect(migrate({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(/002_bad failed and was rolled back/);
    const tables = await query<{ table_name: string }>(
      db.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((t) => t.table_name).sort()).toEqual(['A', '_prisma_migrations']);
    const rows = await query<{ migration_name: string }>(db.url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.map((r) => r.migration_name)).toEqual(['001_ok']);
  });

  it('reports a migration whose file changed after it was applied', async () => {
    const db = await fresh();
    const dir = migrationsDir({ '001_a': 'CREATE TABLE "A" ("id" TEXT NOT NULL);' });
    await migrate({ databaseUrl: db.url, migrationsDir: dir });
    writeFileSync(join(dir, '001_a', 'migration.sql'), 'CREATE TABLE "A" ("id" INTEGER NOT NULL);');
    const again = await migrate({ databaseUrl: db.url, migrationsDir: dir });
    expect(again.modified).toEqual(['001_a']);
  });

  it('refuses to go on past a migration Prisma recorded as failed', async () => {
    const db = await fresh();
    const dir = migrationsDir({ '001_a': 'SELECT 1;' });
    await migrate({ databaseUrl: db.url, migrationsDir: dir });
    await query(db.url, 'UPDATE "_prisma_migrations" SET finished_at = NULL');
    await expect(migrate({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(/failed earlier/);
  });
});
