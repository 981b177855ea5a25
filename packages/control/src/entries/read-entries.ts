// Entries belong to teams, as the VDCs they point at: an entry of a team the caller is not in is
// simply not found, and their role must allow the request (as with VDCs, find-vdc.ts). An entry
// is named `name`, or `name@team` where two of the caller's teams have one of that name.
import { type Entry, getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { engineConfig } from '../docker/engine-access';
import { ColoError } from '../errors';
import { neededRight, requireRole } from '../teams/team-access';
import { splitVdcRef } from '../vdcs/find-vdc';
import { type EntryRow, type EntryView, entryView } from './entry-views';

const notFound = (name: string) => new ColoError('not_found', `entry "${name}" not found`);

async function reachable(user: AuthUser, ref: string) {
  const { name, team } = splitVdcRef(ref);
  const rows = await getPrisma().entry.findMany({
    where: { name, team: { ...(team ? { slug: team } : {}), members: { some: { userId: user.id } } } },
    include: { vdc: { select: { name: true } }, team: { select: { slug: true, members: { where: { userId: user.id }, select: { role: true } } } } },
  });
  if (rows.length === 0) throw notFound(ref);
  if (rows.length > 1) throw new ColoError('bad_request', `entry "${ref}" exists in ${rows.length} of your teams: name it ${rows.map((r) => `${ref}@${r.team.slug}`).join(' or ')}`);
  const [row] = rows;
  requireRole(user, { slug: row.team.slug, role: row.team.members[0]?.role ?? 'viewer' }, `this request to entry "${row.name}"`, neededRight(user));
  return row;
}

export async function findOwnedEntry(user: AuthUser, ref: string): Promise<Entry> {
  const { vdc: _vdc, team: _team, ...entry } = await reachable(user, ref);
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
  const rows = await getPrisma().entry.findMany({
    where: { team: { members: { some: { userId: user.id } } } },
    include: { vdc: { select: { name: true } } },
    orderBy: { name: 'asc' },
  });
  return views(rows);
}

export async function readEntryView(user: AuthUser, name: string): Promise<EntryView> {
  const { team: _team, ...row } = await reachable(user, name);
  return (await views([row]))[0];
}

/** Entries pointing at a VDC (or, while creating or failed, meant to): they hold it, so it stays. */
export async function entriesOf(vdcId: string): Promise<{ name: string; appliance: string; terminal: string }[]> {
  return getPrisma().entry.findMany({ where: { vdcId }, select: { name: true, appliance: true, terminal: true }, orderBy: { name: 'asc' } });
}
