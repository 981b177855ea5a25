import { type AuthUser, catalogView, listVdcs } from '@colo/control';
import { parseManifestText } from '@colo/manifest';
import type { Metadata } from 'next';
import type { AssemblyOption, VdcRow } from '../../../components/vdc-list/types';
import { VdcList } from '../../../components/vdc-list/vdc-list';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'VDCs · Colo' };

async function assemblyOptions(user: AuthUser): Promise<AssemblyOption[]> {
  try {
    const { assemblies } = await catalogView(user);
    // The catalog holds the assembly as YAML text; the create dialog only needs to rename it.
    return assemblies.flatMap((a) => {
      const { value } = parseManifestText(a.manifest);
      if (!value || typeof value !== 'object') return [];
      return [{ id: a.id, title: a.title, description: a.description || undefined, manifest: value as Record<string, unknown> }];
    });
  } catch (err) {
    // A broken template folder must not hide the user's VDCs; the empty state just offers less.
    console.error(`colo web: catalog unavailable for the VDC list: ${(err as Error).message}`);
    return [];
  }
}

export default async function VdcsPage() {
  const user = await requireUser();
  const [vdcs, assemblies] = await Promise.all([listVdcs(user), assemblyOptions(user)]);
  // Through JSON, so the client receives exactly what GET /api/v1/vdcs would give it.
  const rows = JSON.parse(JSON.stringify(vdcs)) as VdcRow[];
  return <VdcList initial={rows} assemblies={assemblies} />;
}
