// The teams migration on a database that has users, VDCs, entries and quotas from before teams:
// each user gets a personal team (slug from the email, clashes told apart) that takes over
// their VDCs, entries and quota, and VDC names become unique per team.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, migrate } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';

const TEAMS = '20261203130000_teams';
let db: TestDatabase;
let sql: pg.Client;
let before: string;
beforeAll(async () => {
  db = await createTestDatabase('teams-migration', { migrate: false });
  before = mkdtempSync(join(tmpdir(), 'colo-migrations-'));
  for (const name of readdirSync(DEFAULT_MIGRATIONS_DIR)) {
    if (name < TEAMS) cpSync(join(DEFAULT_MIGRATIONS_DIR, name), join(before, name), { recursive: true });
  }
  await migrate({ databaseUrl: db.url, migrationsDir: before });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await db?.drop();
  if (before) rmSync(before, { recursive: true, force: true });
});

describe('the teams migration', () => {
  it('gives every user a personal team owning their VDCs, entries and quota', async () => {
    await sql.query(`INSERT INTO "User" ("id","email","name","updatedAt") VALUES
      ('usr_ann1','ann@a.test','Ann',now()), ('usr_ann2','Ann@b.test','Ann B',now()), ('usr_odd','..!@c.test','Odd',now())`);
    await sql.query(`INSERT INTO "Vdc" ("id","ownerId","name","dockerKey","updatedAt") VALUES
      ('vdc_1','usr_ann1','shop','shop-1',now()), ('vdc_2','usr_ann2','shop','shop-2',now())`);
    await sql.query(`INSERT INTO "Entry" ("id","ownerId","name","hostPort","vdcId","appliance","terminal","updatedAt") VALUES
      ('ent_1','usr_ann1','www',18080,'vdc_1','lb','in',now())`);
    await sql.query(`INSERT INTO "UserQuota" ("userId","containers","updatedAt") VALUES ('usr_ann2', 7, now())`);

    await migrate({ databaseUrl: db.url });

    const teams = (await sql.query(`SELECT t."slug", t."personal", m."userId", m."role"::text AS role FROM "Team" t JOIN "TeamMember" m ON m."teamId" = t."id" ORDER BY m."userId"`)).rows;
    expect(teams).toEqual([
      { slug: 'ann', personal: true, userId: 'usr_ann1', role: 'admin' },
      { slug: 'ann-ann2', personal: true, userId: 'usr_ann2', role: 'admin' },
      { slug: 'user', personal: true, userId: 'usr_odd', role: 'admin' },
    ]);
    const vdcs = (await sql.query(`SELECT v."id", t."slug" FROM "Vdc" v JOIN "Team" t ON t."id" = v."teamId" ORDER BY v."id"`)).rows;
    expect(vdcs).toEqual([
      { id: 'vdc_1', slug: 'ann' },
      { id: 'vdc_2', slug: 'ann-ann2' },
    ]);
    const entry = (await sql.query(`SELECT t."slug" FROM "Entry" e JOIN "Team" t ON t."id" = e."teamId"`)).rows;
    expect(entry).toEqual([{ slug: 'ann' }]);
    const quota = (await sql.query(`SELECT t."slug", q."containers" FROM "TeamQuota" q JOIN "Team" t ON t."id" = q."teamId"`)).rows;
    expect(quota).toEqual([{ slug: 'ann-ann2', containers: 7 }]);
    // Names are unique per team now: ann may not have two "shop"s, ann and ann-ann2 may.
    await expect(sql.query(`INSERT INTO "Vdc" ("id","ownerId","teamId","name","dockerKey","updatedAt") SELECT 'vdc_3','usr_ann1',"teamId",'shop','shop-3',now() FROM "Vdc" WHERE "id"='vdc_1'`)).rejects.toThrow(/unique/);
  });
});
