// Saving the secrets a deploy needs, once: inside the caller's transaction the VDC row is locked,
// the secrets stored now are read and completed, and written back only if something was added.
// Two runs racing on one VDC therefore end with one value per secret, the first one saved; the
// values a deploy hands to containers are always the stored ones.
import type { Prisma } from '@colo/db';
import type { ResolvedManifest } from '@colo/manifest';
import { ColoError } from './errors';
import { completeSecrets, openSecrets, sealSecrets, type VdcSecrets } from './secrets';

export interface StoredSecrets {
  secrets: VdcSecrets;
  /** The sealed blob as stored now, for computing a deploy from the VDC row. */
  sealed: string | null;
  /** How many values this call generated and saved. */
  added: number;
}

export async function addMissingSecrets(tx: Prisma.TransactionClient, vdcId: string, manifest: ResolvedManifest): Promise<StoredSecrets> {
  const [row] = await tx.$queryRaw<{ secrets: string | null }[]>`SELECT "secrets" FROM "Vdc" WHERE "id" = ${vdcId} FOR UPDATE`;
  if (!row) throw new ColoError('not_found', `VDC ${vdcId} not found`, { retryable: false });
  const { secrets, added } = completeSecrets(manifest, openSecrets(vdcId, row.secrets));
  if (added === 0) return { secrets, sealed: row.secrets, added };
  const sealed = sealSecrets(vdcId, secrets);
  await tx.vdc.update({ where: { id: vdcId }, data: { secrets: sealed } });
  return { secrets, sealed, added };
}
