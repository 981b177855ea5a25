// Writes and reads every model through the generated client against the hand-written migration,
// so a column the schema has and the SQL lacks (or types that disagree) fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from './client';
import { createTestDatabase, type TestDatabase } from './testing';

let db: TestDatabase;
let prisma: Db;
beforeAll(async () => {
  db = await createTestDatabase('schema');
  prisma = createPrismaClient(db.url);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe('migration matches schema.prisma', () => {
  it('round-trips every model and cascades a VDC delete', async () => {
    const user = await prisma.user.create({ data: { id: 'usr_a', email: 'a@example.test', name: 'A' } });
    const team = await prisma.team.create({ data: { id: 'team_a', slug: 'a', name: 'A', personal: true, members: { create: { userId: user.id, role: 'admin' } } } });
    await prisma.apiToken.create({ data: { id: 'tok_a', userId: user.id, name: 'cli', tokenHash: 'h1', prefix: 'colo_ab' } });
    await prisma.session.create({ data: { id: 'ses_a', userId: user.id, tokenHash: 'h2', expiresAt: new Date(Date.now() + 1000) } });
    const vdc = await prisma.vdc.create({ data: { id: 'vdc_abcdef', ownerId: user.id, teamId: team.id, name: 'shop', dockerKey: 'shop-abcdef' } });
    const rev = await prisma.revision.create({
      data: { id: 'rev_a', vdcId: vdc.id, number: 1, manifest: { name: 'shop', nested: [1, 'x'] }, digest: 'd', authorId: user.id },
    });
    const op = await prisma.operation.create({
      data: { id: 'op_a', vdcId: vdc.id, kind: 'deploy', revisionId: rev.id, requestedById: user.id },
    });
    await prisma.operationStep.create({ data: { operationId: op.id, key: 'create:x', title: 'create x', order: 0 } });
    const log = await prisma.operationLog.create({ data: { operationId: op.id, message: 'hello' } });
    await prisma.vdc.update({ where: { id: vdc.id }, data: { activeOperationId: op.id, deployedRevisionId: rev.id, state: 'running' } });

    expect(typeof log.seq).toBe('bigint');
    const read = await prisma.operation.findUniqueOrThrow({ where: { id: op.id }, include: { steps: true, logs: true, revision: true } });
    expect(read.status).toBe('queued');
    expect(read.params).toEqual({});
    expect(read.progress).toBe(0);
    expect(read.steps[0].status).toBe('pending');
    expect(read.revision?.manifest).toEqual({ name: 'shop', nested: [1, 'x'] });

    await expect(
      prisma.vdc.create({ data: { id: 'vdc_other', ownerId: user.id, teamId: team.id, name: 'shop', dockerKey: 'shop-other' } }),
    ).rejects.toThrow();

    await prisma.applianceFailure.create({
      data: { vdcId: vdc.id, appliance: 'web', container: 'colo-shop-web-1', kind: 'oom', exitCode: 137, eventKey: 'c1:1:oom', at: new Date() },
    });
    await expect(
      prisma.applianceFailure.create({ data: { vdcId: vdc.id, appliance: 'web', container: 'x', kind: 'exited', eventKey: 'c1:1:oom', at: new Date() } }),
    ).rejects.toThrow();
    const flag = await prisma.applianceFlag.create({ data: { vdcId: vdc.id, appliance: 'web', reason: 'failed 3 times in 24h' } });
    expect(flag.clearedAt).toBeNull();

    await prisma.vdc.delete({ where: { id: vdc.id } });
    expect(await prisma.applianceFailure.count()).toBe(0);
    expect(await prisma.applianceFlag.count()).toBe(0);
    expect(await prisma.operation.count()).toBe(0);
    expect(await prisma.operationLog.count()).toBe(0);
    expect(await prisma.revision.count()).toBe(0);
  });

  it('round-trips a user role, a team quota that goes with its team, and memberships that go with their user', async () => {
    const user = await prisma.user.create({ data: { id: 'usr_q', email: 'q@example.test', name: 'Q' } });
    expect(user.role).toBe('user');
    await prisma.user.update({ where: { id: user.id }, data: { role: 'admin' } });
    const team = await prisma.team.create({ data: { id: 'team_q', slug: 'q', name: 'Q', members: { create: { userId: user.id, role: 'operator' } } } });
    await prisma.teamQuota.create({ data: { teamId: team.id, containers: 32, cpu: 2.5, memoryBytes: 8n * 1024n ** 3n } });
    const read = await prisma.team.findUniqueOrThrow({ where: { id: team.id }, include: { quota: true, members: true } });
    expect(read.quota).toMatchObject({ appliances: null, containers: 32, cpu: 2.5, memoryBytes: 8n * 1024n ** 3n, hostPorts: null });
    expect(read.members).toMatchObject([{ userId: user.id, role: 'operator' }]);
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.teamMember.count({ where: { teamId: team.id } })).toBe(0);
    await prisma.team.delete({ where: { id: team.id } });
    expect(await prisma.teamQuota.count({ where: { teamId: team.id } })).toBe(0);
  });

});
