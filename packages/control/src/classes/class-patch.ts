// Class patch (SPEC §3): open a class's prototype, change it, commit it as the next version, and
// move every follower onto it; roll the class back the same way; delete a version nobody uses.
// A class is shared by every VDC on this Colo, so each of these is an admin's. This runs in the
// web process, which may only read Docker: every change is asked of the worker (prototype-calls.ts)
// once the caller is known to be an admin and the input is good.
import { classCommitBody, classRollbackBody, prototypeOpenBody, prototypeRunBody } from '@colo/api';
import { getPrisma } from '@colo/db';
import { findPrototype } from '@colo/engine';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { requireAdmin } from '../auth/roles';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { ColoError, isColoError, parseInput } from '../errors';
import { newId } from '../ids';
import { checkOperation, queueOperation } from '../operations/request-operation';
import { classUsage, followers } from './class-usage';
import { callWorker } from '../worker-calls/call-worker';
import { actingMember } from '../teams/acting-member';
import { classVersionsOf } from './class-versions';

const version = z.number().int().positive();
// The request bodies are the contract's (@colo/api).
export const prototypeOpenSchema = prototypeOpenBody;
export const prototypeRunSchema = prototypeRunBody;
export const classCommitSchema = classCommitBody;
export const classRollbackSchema = classRollbackBody;

/** What a commit or rollback set in motion: one deploy per VDC that follows the class. */
export interface Rollout {
  classId: string;
  version: number;
  deploys: { vdc: string; operationId?: string; refused?: string }[];
}

export async function openClassPrototype(user: AuthUser, classId: string, body: unknown) {
  await requireAdmin(user, 'patch a class');
  const asked = parseInput(prototypeOpenSchema, body);
  await classVersionsOf(classId);
  const proto = await callWorker('prototype.open', { classId, ...asked });
  return { classId, version: proto.version, online: proto.online, running: proto.running };
}

export async function runInClassPrototype(user: AuthUser, classId: string, body: unknown) {
  await requireAdmin(user, 'patch a class');
  const { script } = parseInput(prototypeRunSchema, body);
  await classVersionsOf(classId);
  const proto = await requireOpen(classId);
  // The worker keeps the output's last 256 KiB (PROTOTYPE_OUTPUT_LIMIT).
  const { exitCode, output } = await callWorker('prototype.run', { classId, script });
  return { classId, version: proto.version, exitCode, output };
}

export async function discardClassPrototype(user: AuthUser, classId: string) {
  await requireAdmin(user, 'patch a class');
  await classVersionsOf(classId);
  const { discarded } = await callWorker('prototype.discard', { classId });
  if (!discarded) throw new ColoError('not_found', `class ${classId} has no open prototype`);
  return { classId, discarded: true };
}

/** Commits the open prototype as the next version, makes it the head and (unless told) rolls it out. */
export async function commitClassVersion(user: AuthUser, classId: string, body: unknown): Promise<{ classId: string; version: number; image: string; rollout: Rollout }> {
  await requireAdmin(user, 'patch a class');
  const asked = parseInput(classCommitSchema, body);
  const { versions } = await classVersionsOf(classId);
  const proto = await requireOpen(classId);
  const base = versions.find((v) => v.version === proto.version);
  if (!base) throw new ColoError('not_found', `class ${classId} has no version ${proto.version} any more: discard the prototype`);
  const db = getPrisma();
  const highest = Math.max(...versions.map((v) => v.version), (await db.classVersion.aggregate({ where: { classId }, _max: { version: true } }))._max.version ?? 0);
  const next = highest + 1;
  const { image, imageId } = await callWorker('prototype.commit', { classId, version: next, note: asked.note, author: user.email });
  const { image: _stockImage, ...definition } = base;
  await db.$transaction([
    db.classVersion.create({
      data: { id: newId('clv'), classId, version: next, baseVersion: base.version, definition, image, imageId, note: asked.note, createdBy: user.email },
    }),
    db.classHead.upsert({ where: { classId }, create: { classId, version: next }, update: { version: next } }),
  ]);
  const rollout = asked.rollout ? await rolloutClass(classId, next) : { classId, version: next, deploys: [] };
  return { classId, version: next, image, rollout };
}

/** Points followers back at an earlier version (the one before the head unless told) and rolls them onto it. */
export async function rollbackClass(user: AuthUser, classId: string, body: unknown): Promise<{ classId: string; version: number; previous: number; rollout: Rollout }> {
  await requireAdmin(user, 'roll a class back');
  const asked = parseInput(classRollbackSchema, body);
  const { versions, head } = await classVersionsOf(classId);
  const target = asked.version === undefined ? versions.filter((v) => v.version < head.version).at(-1) : versions.find((v) => v.version === asked.version);
  if (!target) {
    throw new ColoError(asked.version === undefined ? 'bad_request' : 'not_found', asked.version === undefined ? `class ${classId} has no version before ${head.version}` : `class ${classId} has no version ${asked.version}`);
  }
  await getPrisma().classHead.upsert({ where: { classId }, create: { classId, version: target.version }, update: { version: target.version } });
  return { classId, version: target.version, previous: head.version, rollout: await rolloutClass(classId, target.version) };
}

/** Deletes a committed version no VDC runs or pins and no follower uses; its image goes too (its class volumes with the worker's next sweep). */
export async function deleteClassVersion(user: AuthUser, classId: string, versionNumber: number) {
  await requireAdmin(user, 'delete a class version');
  const n = parseInput(version, versionNumber);
  const { versions, head } = await classVersionsOf(classId);
  const row = await getPrisma().classVersion.findUnique({ where: { classId_version: { classId, version: n } } });
  if (!row) {
    const stock = versions.some((v) => v.version === n);
    throw new ColoError(stock ? 'bad_request' : 'not_found', stock ? `${classId}@${n} is a stock version: it lives in templates/appliances/${classId}` : `class ${classId} has no version ${n}`);
  }
  if (head.version === n) {
    throw new ColoError('bad_request', `${classId}@${n} is the version followers use: roll the class back to another version first`);
  }
  const uses = (await classUsage(classId, versions)).get(n) ?? [];
  if (uses.length > 0) {
    throw new ColoError('bad_request', `${classId}@${n} is in use by ${uses.map((u) => `VDC ${u.vdc} (${u.appliances.join(', ')}${u.pinned ? ', pinned' : ''})`).join('; ')}`);
  }
  await callWorker('class-version.remove-image', { classId, version: n });
  await getPrisma().classVersion.delete({ where: { id: row.id } });
  return { classId, version: n, deleted: true };
}

/**
 * A deploy of each running VDC that follows the class, of the revision it runs: the plan sees the
 * new image and replaces that appliance's replicas one at a time (engine: rolling replacement).
 * A VDC that is stopped moves on its next deploy.
 */
export async function rolloutClass(classId: string, versionNumber: number): Promise<Rollout> {
  const deploys: Rollout['deploys'] = [];
  for (const f of await followers(classId)) {
    try {
      const row = await checkOperation(await actingMember(f.vdc), f.vdc.id, 'deploy', { revision: f.revision });
      const op = await queueOperation(row);
      deploys.push({ vdc: f.vdc.name, operationId: op.id });
    } catch (error) {
      if (!isColoError(error) || error.code === 'internal') throw error;
      deploys.push({ vdc: f.vdc.name, refused: error.message });
    }
  }
  return { classId, version: versionNumber, deploys };
}

/** The open prototype of a class the caller has found in the catalog. */
async function requireOpen(classId: string) {
  const proto = await findPrototype(getRuntime(), engineConfig().instance, classId);
  if (!proto) throw new ColoError('not_found', `class ${classId} has no open prototype: open one first`);
  return proto;
}

