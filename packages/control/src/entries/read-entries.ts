// Entries by owner: another user's entry is simply not found (as with VDCs).
import { type Entry, getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { engineConfig } from '../docker/engine-access';
import { ColoError } from '../errors';
import { type EntryRow, type EntryView, entryView } from './entry-views';

export async function findOwnedEntry(user: AuthUser, name: string): Promise<Entry> {
  const entry = await getPrisma().entry.findUnique({ where: { ownerId_name: { ownerId: user.id, name } } });
  if (!entry) throw new ColoError('not_found', `entry "${name}" not found`);
  return entry;
}

async function views(rows: EntryRow[]): Promise<EntryView[]> {
  const previousIds = [...new Set(rows.map((r) => r.previousVdcId).filter((id): id is string => Boolean(id)))];
  const previous = new Map(
    (await getPrisma().vdc.findMany({ where: { id: { in: previousIds } }, select: { id: true, name: true } })).map((v) => [v.id, v.name]),
  );
  const { publishHost } = engineConfig();
  return rows.map((r) => entryView(r, publishHost, r.previousVdcId ? (previous.get(r.previousVdcId) ?? null) : null));
}

export async function listEntries(user: AuthUser): Promise<EntryView[]> {
  const rows = await getPrisma().entry.findMany({ where: { ownerId: user.id }, include: { vdc: { select: { name: true } } }, orderBy: { name: 'asc' } });
  return views(rows);
}

export async function readEntryView(user: AuthUser, name: string): Promise<EntryView> {
  const row = await getPrisma().entry.findUnique({ where: { ownerId_name: { ownerId: user.id, name } }, include: { vdc: { select: { name: true } } } });
  if (!row) throw new ColoError('not_found', `entry "${name}" not found`);
  return (await views([row]))[0];
}

/** Entries pointing at a VDC (or, while creating or failed, meant to): they hold it, so it stays. */
export async function entriesOf(vdcId: string): Promise<{ name: string; appliance: string; terminal: string }[]> {
  return getPrisma().entry.findMany({ where: { vdcId }, select: { name: true, appliance: true, terminal: true }, orderBy: { name: 'asc' } });
}
