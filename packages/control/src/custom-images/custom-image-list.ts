// The admin-managed allow-list of images the `custom-image` class may run (SPEC §5: a manifest
// names catalog classes only; this class runs an image only while an admin allows it). Images
// are never pulled: an allowed image must already be loaded into the Docker engine.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { requireAdmin } from '../auth/roles';
import { ColoError } from '../errors';
import { canonicalImageReference } from './image-reference';

export interface CustomImageView {
  reference: string;
  note: string;
  allowedBy: string;
  createdAt: Date;
}

const MAX_NOTE = 500;

function reference(text: string): string {
  const canonical = canonicalImageReference(text);
  if (!canonical) {
    throw new ColoError('bad_request', `"${text.slice(0, 100)}" is not an image reference (like "acme/shop:2" or "registry.local:5000/team/app:1")`);
  }
  return canonical;
}

/** Every reference on the list, in canonical form: what the validator and the importer match. */
export async function allowedImageReferences(): Promise<Set<string>> {
  const rows = await getPrisma().customImage.findMany({ select: { reference: true } });
  return new Set(rows.map((r) => r.reference));
}

/** `GET /custom-images` (admins). */
export async function listCustomImages(admin: AuthUser): Promise<{ images: CustomImageView[] }> {
  await requireAdmin(admin, 'list custom images');
  const rows = await getPrisma().customImage.findMany({ orderBy: { reference: 'asc' } });
  return { images: rows };
}

/** `POST /custom-images` (admins): allowing an image already allowed keeps it, with the new note. */
export async function allowCustomImage(admin: AuthUser, request: { image: string; note?: string }): Promise<{ image: CustomImageView; created: boolean }> {
  await requireAdmin(admin, 'allow custom images');
  const ref = reference(request.image);
  const note = (request.note ?? '').slice(0, MAX_NOTE);
  const prisma = getPrisma();
  const existing = await prisma.customImage.findUnique({ where: { reference: ref } });
  const image = await prisma.customImage.upsert({
    where: { reference: ref },
    create: { reference: ref, note, allowedBy: admin.email },
    update: request.note === undefined ? {} : { note },
  });
  return { image, created: existing === null };
}

/**
 * `DELETE /custom-images?image=` (admins). VDCs already running the image keep running; a new
 * save or deploy of a VDC that names it is refused (customImageIssues).
 */
export async function disallowCustomImage(admin: AuthUser, image: string): Promise<{ reference: string }> {
  await requireAdmin(admin, 'disallow custom images');
  const ref = reference(image);
  const { count } = await getPrisma().customImage.deleteMany({ where: { reference: ref } });
  if (count === 0) throw new ColoError('not_found', `image ${ref} is not on the allow-list`);
  return { reference: ref };
}
