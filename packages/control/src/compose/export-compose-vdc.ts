// `GET /vdcs/:name/compose`: one of the owner's VDCs as a docker-compose.yml. The deployed
// revision unless another is asked for (the latest when never deployed). The VDC's own secrets
// are opened only for `withSecrets`, and then go to the `.env` text, never into the file.
import { exportCompose, type ExportResult } from '@colo/compose';
import { getPrisma, type Revision } from '@colo/db';
import type { Manifest } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { getCatalog } from '../catalog';
import { engineConfig } from '../docker/engine-access';
import { openSecrets } from '../secrets';
import { findOwnedVdc, findRevision } from '../vdcs/find-vdc';

export interface ComposeExportRequest {
  name: string;
  revision?: number;
  withSecrets?: boolean;
}

export interface ComposeExport extends ExportResult {
  revision: number;
}

export async function exportComposeVdc(user: AuthUser, request: ComposeExportRequest): Promise<ComposeExport> {
  // Secrets are revealed only to who may change the VDC: an operator, not a viewer.
  const vdc = await findOwnedVdc(request.withSecrets ? { ...user, right: 'deploy' } : user, request.name);
  const deployed: Revision | null =
    request.revision === undefined && vdc.deployedRevisionId ? await getPrisma().revision.findUnique({ where: { id: vdc.deployedRevisionId } }) : null;
  const revision = deployed ?? (await findRevision(vdc, request.revision));
  const manifest = { ...(revision.manifest as unknown as Manifest), name: vdc.name };
  const config = engineConfig();
  const result = exportCompose(manifest, {
    catalog: await getCatalog(),
    imageNamespace: config.imageNamespace,
    publishHost: config.publishHost,
    revision: revision.number,
    withSecrets: request.withSecrets === true,
    secrets: request.withSecrets ? openSecrets(vdc.id, vdc.secrets) : undefined,
  });
  return { ...result, revision: revision.number };
}
