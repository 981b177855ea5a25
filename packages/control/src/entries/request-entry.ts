// Asking for an entry, a switch or a removal: checked now (name, port, the target VDC serving
// the terminal), written with its operation in one transaction, then queued. The operation is the
// target VDC's: it runs under that VDC's claim, so the VDC cannot be redeployed or destroyed
// mid-switch. One operation per entry at a time: a second one is refused, not queued, because a
// switch decided on a stale "where does it point now" is the one mistake an entry must not make.
import { entryCreateBody, entrySwitchBody } from '@colo/api';
import { getPrisma, type Prisma, type Vdc } from '@colo/db';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { controlEnv } from '../config';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { ColoError, parseInput } from '../errors';
import { newId } from '../ids';
import { coloOwnPorts } from '../manifests/colo-ports';
import { hostPortProbe } from '../manifests/host-port-probe';
import { takenPorts } from '../manifests/taken-ports';
import type { OperationView } from '../operations/operation-views';
import { enqueueWritten, OPERATION_VIEW_INCLUDE } from '../operations/request-operation';
import { operationView } from '../operations/operation-views';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { expandStored } from '../assemblies/expand-stored';
import { chooseTarget, parseTerminalRef, type TerminalRef } from './entry-target';
import { findOwnedEntry, readEntryView } from './read-entries';
import type { EntryView } from './entry-views';

const PORT_RANGE = { min: 1024, max: 65535 };

/** The request bodies are the contract's (@colo/api). */
export const entryCreateSchema = entryCreateBody;
export const entrySwitchSchema = entrySwitchBody;

export interface EntryRequest {
  entry: EntryView;
  operation: OperationView;
}

/** The VDC an entry may point at: the user's, running a deployed revision that exposes the terminal. */
async function servingTarget(user: AuthUser, vdcName: string, asked: string | undefined, current?: TerminalRef): Promise<{ vdc: Vdc; target: TerminalRef }> {
  const vdc = await findOwnedVdc(user, vdcName);
  if (vdc.state !== 'running' || !vdc.deployedRevisionId) {
    throw new ColoError('bad_request', `vdc: VDC "${vdc.name}" is ${vdc.state === 'new' ? 'not deployed' : vdc.state}: an entry points only at a running VDC (deploy or start it first)`);
  }
  const revision = await getPrisma().revision.findUnique({ where: { id: vdc.deployedRevisionId } });
  if (!revision) throw new ColoError('internal', `VDC "${vdc.name}": its deployed revision is missing`);
  // An entry reaches what the engine publishes: a box's terminal (`shop.http`) is the interior one
  // it stands for (`shop-lb.in`), found by the host port both publish.
  const expanded = (await expandStored(revision.manifest)).manifest;
  const wanted = asked === undefined ? undefined : throughBox(parseTerminalRef(asked), revision.manifest, expanded);
  return { vdc, target: chooseTarget(vdc.name, expanded, wanted, current) };
}

function portOf(manifest: unknown, ref: TerminalRef): number | undefined {
  const appliances = (manifest as { appliances?: { name?: unknown; expose?: { terminal?: unknown; port?: unknown }[] }[] }).appliances ?? [];
  const port = appliances.find((a) => a.name === ref.appliance)?.expose?.find((e) => e.terminal === ref.terminal)?.port;
  return typeof port === 'number' ? port : undefined;
}

function throughBox(asked: TerminalRef, stored: unknown, expanded: unknown): TerminalRef {
  if (stored === expanded) return asked;
  const port = portOf(stored, asked);
  if (port === undefined) return asked;
  const appliances = (expanded as { appliances: { name: string; expose?: { terminal: string; port: number }[] }[] }).appliances;
  for (const a of appliances) {
    const hit = a.expose?.find((e) => e.port === port);
    if (hit) return { appliance: a.name, terminal: hit.terminal };
  }
  return asked;
}

async function checkPortFree(teamId: string, port: number): Promise<void> {
  const holder = coloOwnPorts().get(port) ?? (await takenPorts(teamId)).get(port);
  if (holder) throw new ColoError('name_taken', `port: host port ${port} is already used by ${holder}`);
  const { publishHost } = engineConfig();
  if ((await hostPortProbe(controlEnv().COLO_HOST_PORT_PROBE).check(publishHost, port)) !== 'in_use') return;
  // Bound: by one of Colo's own containers (a VDC's listener outside any revision) or another program.
  const containers = await getRuntime()
    .listContainers([`colo.instance=${engineConfig().instance}`])
    .catch(() => []);
  const ours = containers.some((c) => c.ports.some((p) => p.hostPort === port));
  throw new ColoError('name_taken', `port: host port ${port} is in use on ${publishHost} by ${ours ? 'a container of this Colo' : 'another program'}`);
}

/** Refuses while the entry has an operation queued or running; call inside the entry's row lock. */
async function refuseBusy(tx: Prisma.TransactionClient, entryId: string, name: string): Promise<void> {
  const open = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Operation"
    WHERE "kind" IN ('entry_switch', 'entry_delete') AND "status" IN ('queued', 'running') AND "params"->>'entryId' = ${entryId}
    LIMIT 1`;
  if (open.length > 0) throw new ColoError('operation_running', `entry "${name}" has an operation queued or running (${open[0].id}); wait for it to finish`);
}

async function lockEntry(tx: Prisma.TransactionClient, entryId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Entry" WHERE "id" = ${entryId} FOR UPDATE`;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002';
}

export async function createEntry(user: AuthUser, body: unknown): Promise<EntryRequest> {
  const asked = parseInput(entryCreateSchema, body);
  const { vdc, target } = await servingTarget(user, asked.vdc, asked.target);
  // The entry belongs to the team of the VDC it points at.
  if (await getPrisma().entry.findUnique({ where: { teamId_name: { teamId: vdc.teamId, name: asked.name } }, select: { id: true } })) {
    throw new ColoError('name_taken', `name: an entry named "${asked.name}" exists`);
  }
  await checkPortFree(vdc.teamId, asked.port);
  const entryId = newId('ent');
  let operationId = '';
  try {
    await getPrisma().$transaction(async (tx) => {
      await tx.entry.create({ data: { id: entryId, ownerId: user.id, teamId: vdc.teamId, name: asked.name, hostPort: asked.port, vdcId: vdc.id, ...target, wakeOnRequest: asked.wake ?? false } });
      operationId = await writeOperation(tx, user, vdc.id, 'entry_switch', { entryId, entry: asked.name, ...target, from: null });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ColoError('name_taken', `an entry named "${asked.name}" or one on port ${asked.port} was created just now`);
    throw error;
  }
  return queued(user, asked.name, operationId);
}

export async function switchEntry(user: AuthUser, name: string, body: unknown): Promise<EntryRequest> {
  // Whose entry first: another user's is not found, whatever the body says.
  const entry = await findOwnedEntry(user, name);
  const asked = parseInput(entrySwitchSchema, body);
  const { vdc, target } = await servingTarget(user, asked.vdc, asked.target, { appliance: entry.appliance, terminal: entry.terminal });
  if (vdc.teamId !== entry.teamId) throw new ColoError('bad_request', `vdc: VDC "${vdc.name}" belongs to another team than entry "${entry.name}": an entry points only at VDCs of its own team`);
  let operationId = '';
  await getPrisma().$transaction(async (tx) => {
    await lockEntry(tx, entry.id);
    await refuseBusy(tx, entry.id, name);
    const now = await tx.entry.findUnique({ where: { id: entry.id }, select: { vdcId: true } });
    if (!now) throw new ColoError('not_found', `entry "${name}" not found`);
    // The switch renders the listener from the row: the new setting goes with it.
    if (asked.wake !== undefined) await tx.entry.update({ where: { id: entry.id }, data: { wakeOnRequest: asked.wake } });
    operationId = await writeOperation(tx, user, vdc.id, 'entry_switch', { entryId: entry.id, entry: entry.name, ...target, from: now.vdcId });
  });
  return queued(user, name, operationId);
}

export async function deleteEntry(user: AuthUser, name: string): Promise<EntryRequest> {
  const entry = await findOwnedEntry(user, name);
  let operationId = '';
  await getPrisma().$transaction(async (tx) => {
    await lockEntry(tx, entry.id);
    await refuseBusy(tx, entry.id, name);
    operationId = await writeOperation(tx, user, entry.vdcId, 'entry_delete', { entryId: entry.id, entry: entry.name });
  });
  return queued(user, name, operationId);
}

async function writeOperation(tx: Prisma.TransactionClient, user: AuthUser, vdcId: string, kind: 'entry_switch' | 'entry_delete', params: Record<string, unknown>): Promise<string> {
  const id = newId('op');
  await tx.operation.create({ data: { id, vdcId, kind, params: params as Prisma.InputJsonValue, requestedById: user.id } });
  return id;
}

async function queued(user: AuthUser, name: string, operationId: string): Promise<EntryRequest> {
  await enqueueWritten(operationId);
  const op = await getPrisma().operation.findUniqueOrThrow({ where: { id: operationId }, include: OPERATION_VIEW_INCLUDE });
  return { entry: await readEntryView(user, name), operation: operationView(op) };
}
