import { type AuthUser, catalogView, currentUsage, listTeams, listVdcs, meView } from '@colo/control';
import { parseManifestText } from '@colo/manifest';
import type { Metadata } from 'next';
import type { AssemblyOption, TeamOption, VdcRow } from '../../../components/vdc-list/types';
import { QuotaUsage, type QuotaUsageProps } from '../../../components/metrics/quota-usage';
import { VdcList } from '../../../components/vdc-list/vdc-list';
import { parseVdcQuery } from '../../../components/vdc-list/vdc-query';
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

/**
 * The user's own quota (their personal team's, as `/me` answers it): reserved by its VDCs'
 * revisions (the quota's count) and in use now by those VDCs (metrics), against the limits.
 */
async function quotaUsage(user: AuthUser, rows: VdcRow[], personalSlug: string | undefined): Promise<QuotaUsageProps | undefined> {
  try {
    const own = rows.filter((r) => !r.team || r.team.slug === personalSlug);
    const [{ quota }, usage] = await Promise.all([meView(user), currentUsage(own.map((r) => r.id))]);
    const now = { cpu: 0, memory: 0, replicas: 0 };
    for (const u of usage.values()) {
      now.cpu += u.cpu;
      now.memory += u.memoryUsed;
      now.replicas += u.replicas;
    }
    return { limits: quota.limits, reserved: quota.usage, now };
  } catch (err) {
    // The list matters more than the strip above it.
    console.error(`colo web: quota usage unavailable for the VDC list: ${(err as Error).message}`);
    return undefined;
  }
}

/** `?q=&state=&sort=`: the list's search, state filter and sort, so a link or a reload keeps them. */
export default async function VdcsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const [vdcs, assemblies, teams] = await Promise.all([listVdcs(user), assemblyOptions(user), listTeams(user)]);
  // A new VDC may go to any team where the caller deploys (operator or admin), personal first.
  const creatable: TeamOption[] = teams
    .filter((t) => t.role !== 'viewer')
    .sort((a, b) => Number(b.personal) - Number(a.personal))
    .map((t) => ({ slug: t.slug, name: t.name, personal: t.personal }));
  // Through JSON, so the client receives exactly what GET /api/v1/vdcs would give it.
  const rows = JSON.parse(JSON.stringify(vdcs)) as VdcRow[];
  const usage = rows.length > 0 ? await quotaUsage(user, rows, teams.find((t) => t.personal)?.slug) : undefined;
  return (
    <>
      {usage && <QuotaUsage {...usage} />}
      <VdcList initial={rows} assemblies={assemblies} teams={creatable} initialQuery={parseVdcQuery(await searchParams)} />
    </>
  );
}
