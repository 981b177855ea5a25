// Team slugs: DNS labels, unique per Colo, how URLs, the CLI and `vdc@team` name a team.
import type { Prisma } from '@colo/db';
import { ColoError } from '../errors';
import { randomAlphanumeric } from '../ids';

export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

export function checkSlug(slug: string): string {
  if (!SLUG_PATTERN.test(slug)) {
    throw new ColoError('bad_request', `team slug "${slug.slice(0, 60)}" is not valid: 1 to 40 lowercase letters, digits and inner hyphens`);
  }
  return slug;
}

/** A slug from free text (`Ann Lee` → `ann-lee`); `user` when nothing is left. */
export function slugFrom(text: string): string {
  const base = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/g, '');
  return base || 'user';
}

/** `base`, or `base-xxxx` when taken. */
export async function freeSlug(tx: Prisma.TransactionClient, base: string): Promise<string> {
  let slug = base;
  for (let i = 0; i < 20; i++) {
    if (!(await tx.team.findUnique({ where: { slug }, select: { id: true } }))) return slug;
    slug = `${base}-${randomAlphanumeric(4)}`;
  }
  throw new ColoError('name_taken', `no free team slug near "${base}"`);
}
