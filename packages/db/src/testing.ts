// Throwaway databases for integration tests: each test file gets its own, migrated, then dropped.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate';

const DEFAULT_SERVER_URL = 'postgresql://colo:colo@127.0.0.1:5432/colo';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  return process.env.COLO_TEST_PG_ADMIN_URL ?? process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
}

// FORCE ends our own sessions, but not an autovacuum worker that is busy in the new database
// (it runs as no role, so a non-superuser may not end it): that worker finishes in moments.
async function dropForcefully(c: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (err) {
      const denied = (err as { code?: string }).code === '42501';
      if (!denied || attempt >= 40) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function createTestDatabase(label: string, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 20);
  const name = `colo_test_${safeLabel}_${randomBytes(4).toString('hex')}`;
  // Captured now: a test usually points DATABASE_URL at the new database right after this.
  const server = serverUrl();
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db: TestDatabase = {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await dropForcefully(c, name);
      } finally {
        await c.end();
      }
    },
  };
  if (opts.migrate !== false) await migrate({ databaseUrl: db.url });
  return db;
}
