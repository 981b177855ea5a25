// The catalog: users' assemblies (with which of the viewer's VDCs use them), stock assemblies and
// classes. Read on the server through control, the same functions the REST API answers with.
import { type AuthUser, classView, getLoadedCatalog, listAssemblies, listClasses } from '@colo/control';
import { parseManifestText } from '@colo/manifest';
import type { Metadata } from 'next';
import { CatalogView } from '../../../components/catalog/catalog-view';
import type { AssemblyItem, CatalogClassItem, StockAssemblyItem } from '../../../components/catalog/types';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'Catalog · Colo' };
export const dynamic = 'force-dynamic';

async function stockAssemblies(): Promise<StockAssemblyItem[]> {
  const { assemblies } = await getLoadedCatalog();
  return assemblies.map((a) => {
    const { value } = parseManifestText(a.manifest);
    const manifest = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    const appliances = manifest?.appliances;
    return { id: a.id, title: a.title, description: a.description, appliances: Array.isArray(appliances) ? appliances.length : null, manifest };
  });
}

async function catalogClasses(user: AuthUser): Promise<CatalogClassItem[]> {
  const classes = await listClasses();
  return Promise.all(
    classes.map(async (c) => {
      try {
        // The class view also asks Docker who runs which version; without Docker the list still shows.
        const view = await classView(user, c.id);
        const versions = [...view.versions]
          .reverse()
          .map((v) => ({ version: v.version, source: v.source, vdcs: v.usedBy.length + v.usedByOthers }));
        return { id: c.id, title: c.title, head: c.head, versions };
      } catch {
        return { id: c.id, title: c.title, head: c.head, versions: c.versions.map((version) => ({ version, source: null, vdcs: 0 })) };
      }
    }),
  );
}

export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ tab?: string | string[] }> }) {
  const user = await requireUser();
  const [{ tab }, assemblies, stock, classes] = await Promise.all([searchParams, listAssemblies(user), stockAssemblies(), catalogClasses(user)]);
  return (
    <CatalogView
      tab={typeof tab === 'string' ? tab : 'assemblies'}
      // Through JSON, so the page gets exactly what GET /api/v1/assemblies would give it.
      assemblies={JSON.parse(JSON.stringify(assemblies)) as AssemblyItem[]}
      stock={stock}
      classes={classes}
    />
  );
}
