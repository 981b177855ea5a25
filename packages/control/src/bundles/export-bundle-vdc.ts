// `GET /vdcs/:name/bundle`: one of the owner's VDCs as a `.colo.yaml` bundle. The deployed
// revision unless another is asked for (the latest when never deployed). Class versions not in
// templates/ are marked committed: the importing Colo refuses them with the reason.
import { type ExportedBundle, exportBundle } from '@colo/bundle';
import { getPrisma, type Revision } from '@colo/db';
import { type Manifest, withAssemblies } from '@colo/manifest';
import { assembliesForStored } from '../assemblies/assembly-catalog';
import type { AuthUser } from '../auth/api-tokens';
import { getCatalog, stockCatalog } from '../catalog';
import { findOwnedVdc, findRevision } from '../vdcs/find-vdc';

export interface BundleExportRequest {
  name: string;
  revision?: number;
}

export async function exportBundleVdc(user: AuthUser, request: BundleExportRequest): Promise<ExportedBundle> {
  const vdc = await findOwnedVdc(user, request.name);
  const deployed: Revision | null =
    request.revision === undefined && vdc.deployedRevisionId ? await getPrisma().revision.findUnique({ where: { id: vdc.deployedRevisionId } }) : null;
  const revision = deployed ?? (await findRevision(vdc, request.revision));
  const manifest = { ...(revision.manifest as unknown as Manifest), name: vdc.name };
  const catalog = await getCatalog();
  const isStock = await stockVersions();
  // Assemblies travel as definitions: the versions the manifest places and what they contain.
  const assemblies = await assembliesForStored(manifest);
  return exportBundle(manifest, { catalog: withAssemblies(catalog, assemblies), assemblies, isStock, revision: revision.number });
}

/** Whether `id@version` here is the stock version (templates/) rather than one committed on this Colo. */
export async function stockVersions(): Promise<(id: string, version: number) => boolean> {
  const stock = (await stockCatalog()).catalog;
  // A stored version with a stock number wins over it (withStoredVersions), so compare images.
  const catalog = await getCatalog();
  return (id, version) => {
    const here = catalog.get(`${id}@${version}`);
    const shipped = stock.get(`${id}@${version}`);
    return shipped !== undefined && here?.image === shipped.image;
  };
}
