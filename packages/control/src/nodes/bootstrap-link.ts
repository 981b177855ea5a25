// Node bootstrap links: an admin gets a one-use, short-lived URL that streams `docker save` of
// Colo's bootstrap images (bootstrap-images.ts), so a new machine runs
// `curl -fsS <url> | docker load && docker swarm join …` instead of someone copying images by hand.
// The secret in the URL is the only credential the GET takes: the machine joining has no Colo
// account or token, and must not be given one. Only its sha256 is kept; it is used up when its
// stream starts (one conditional update wins, whoever races) and expires after 30 minutes. Each
// use of a real link goes to the audit log.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { recordAudit, SYSTEM_ACTOR } from '../audit/record-audit';
import { requireAdmin } from '../auth/roles';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import { newPipeId, readPipe, volumeFromPipe } from '../bundles/data-pipe';
import { ColoError } from '../errors';
import { newId } from '../ids';
import { callWorker } from '../worker-calls/call-worker';
import { bootstrapImages } from './bootstrap-images';

export const BOOTSTRAP_LINK_MINUTES = 30;
/** Links past their expiry this long are deleted when a new one is made. */
const KEEP_SPENT_MS = 24 * 3600_000;
const TOKEN_PATTERN = /^cboot_[a-z0-9]{40}$/;
const GET_ANOTHER = 'get a new one with colo node add (or "Add a node" on the Nodes page)';

export interface BootstrapLink {
  url: string;
  expiresAt: string;
  /** What the tar holds, as `docker load` will name them. */
  images: string[];
  /** `curl -fsS '<url>' | docker load`, to run as root on the new machine. */
  loadCommand: string;
}

/** The API path of a link (the web answers it: apps/web/app/api/v1/nodes/bootstrap/[token]). */
export function bootstrapLinkPath(token: string): string {
  return `/api/v1/nodes/bootstrap/${token}`;
}

/** A shell word: the URL as it is when it holds nothing a shell reads, else single-quoted. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_.:/@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** A new link on `origin` (Colo's public address, or the one the admin reached it at). */
export async function createBootstrapLink(user: AuthUser, origin: string): Promise<BootstrapLink> {
  await requireAdmin(user, 'make a node bootstrap link');
  const token = newSecretToken('cboot');
  const expiresAt = new Date(Date.now() + BOOTSTRAP_LINK_MINUTES * 60_000);
  const prisma = getPrisma();
  await prisma.nodeBootstrapLink.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - KEEP_SPENT_MS) } } });
  await prisma.nodeBootstrapLink.create({ data: { id: newId('nbl'), tokenHash: hashSecretToken(token), createdById: user.id, expiresAt } });
  const url = new URL(bootstrapLinkPath(token), origin).toString();
  return { url, expiresAt: expiresAt.toISOString(), images: bootstrapImages(), loadCommand: `curl -fsS ${shellWord(url)} | docker load` };
}

interface LinkRow {
  id: string;
  createdById: string;
}

type LinkUse = { ok: true; row: LinkRow; usedAt: Date } | { ok: false; row?: LinkRow; error: ColoError };

/** One conditional update decides; a refusal says why in words (404 for each: nothing tells a guess apart). */
async function useLink(token: string): Promise<LinkUse> {
  const invalid = new ColoError('not_found', `this node bootstrap link is not valid: ${GET_ANOTHER}`);
  if (!TOKEN_PATTERN.test(token)) return { ok: false, error: invalid };
  const prisma = getPrisma();
  const tokenHash = hashSecretToken(token);
  const usedAt = new Date();
  const claimed = await prisma.nodeBootstrapLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: usedAt } }, data: { usedAt } });
  const row = await prisma.nodeBootstrapLink.findUnique({ where: { tokenHash } });
  if (!row) return { ok: false, error: invalid };
  if (claimed.count === 1) return { ok: true, row, usedAt };
  const error = row.usedAt
    ? new ColoError('not_found', `this node bootstrap link was used already (${row.usedAt.toISOString()}); each link serves once: ${GET_ANOTHER}`)
    : new ColoError('not_found', `this node bootstrap link expired at ${row.expiresAt.toISOString()} (links last ${BOOTSTRAP_LINK_MINUTES} minutes): ${GET_ANOTHER}`);
  return { ok: false, row, error };
}

/** Uses the link up, or throws the refusal. */
export async function claimBootstrapLink(token: string): Promise<{ id: string; usedAt: Date }> {
  const use = await useLink(token);
  if (!use.ok) throw use.error;
  return { id: use.row.id, usedAt: use.usedAt };
}

/**
 * The audit log records every use of a real link, served or refused (a used link asked again
 * means someone else holds it); a token that names no link is not recorded, so guessing cannot
 * fill the log. The actor is Colo itself, from the fetching machine's address, with the admin
 * who made the link.
 */
function auditUse(row: LinkRow, address: string | undefined, outcome: 'ok' | 'denied' | 'failed', status: number, detail: Record<string, unknown>) {
  return recordAudit({ actor: { ...SYSTEM_ACTOR, address }, action: 'nodeBootstrapImages', outcome, status, detail: { link: row.id, madeBy: row.createdById, ...detail } });
}

export interface BootstrapImagesStream {
  images: string[];
  filename: string;
  stream: AsyncIterable<Buffer>;
}

/**
 * The tar of the bootstrap images for the link's one use, fetched from `address`. When the worker
 * cannot begin it (an image missing, no worker), the link is given back: nothing was served.
 */
export async function serveBootstrapImages(token: string, address?: string): Promise<BootstrapImagesStream> {
  const use = await useLink(token);
  if (!use.ok) {
    if (use.row) await auditUse(use.row, address, 'denied', 404, { error: use.error.message });
    throw use.error;
  }
  const pipe = newPipeId();
  let images: string[];
  try {
    ({ images } = await callWorker('nodes.bootstrap-images', { pipe }));
  } catch (error) {
    await getPrisma()
      .nodeBootstrapLink.updateMany({ where: { id: use.row.id, usedAt: use.usedAt }, data: { usedAt: null } })
      .catch(() => undefined);
    await auditUse(use.row, address, 'failed', 502, { error: (error as Error).message, givenBack: true });
    throw error;
  }
  await auditUse(use.row, address, 'ok', 200, { images });
  async function* stream(): AsyncGenerator<Buffer> {
    const frames = readPipe(pipe);
    try {
      yield* volumeFromPipe(frames, 0);
    } finally {
      await frames.return(undefined);
    }
  }
  return { images, filename: 'colo-bootstrap-images.tar', stream: stream() };
}
