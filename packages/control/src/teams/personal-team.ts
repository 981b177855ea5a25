// Every user has a personal team, made with the user, of which they are the admin: what they
// make without naming a team lands there, so a Colo with one user works as before teams.
import { getPrisma, type Prisma } from '@colo/db';
import { ColoError } from '../errors';
import { newId } from '../ids';
import { freeSlug, slugFrom } from './team-slug';

export interface TeamRef {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
}

/** Makes the personal team of a user being created, inside the same transaction. */
export async function createPersonalTeam(tx: Prisma.TransactionClient, user: { id: string; email: string; name: string }): Promise<TeamRef> {
  const slug = await freeSlug(tx, slugFrom(user.email.split('@')[0] ?? user.name));
  const team = await tx.team.create({
    data: { id: newId('team'), slug, name: user.name, personal: true, members: { create: { userId: user.id, role: 'admin' } } },
  });
  return { id: team.id, slug: team.slug, name: team.name, personal: true };
}

/** The user's personal team (the teams migration gave every earlier user one). */
export async function personalTeam(userId: string): Promise<TeamRef> {
  const found = await getPrisma().team.findFirst({ where: { personal: true, members: { some: { userId, role: 'admin' } } }, orderBy: { createdAt: 'asc' } });
  if (!found) throw new ColoError('internal', `user ${userId} has no personal team`);
  return { id: found.id, slug: found.slug, name: found.name, personal: true };
}
