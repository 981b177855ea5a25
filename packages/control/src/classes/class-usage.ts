// Which VDCs use which version of a class: the images their containers run (the truth, also in
// the middle of a rollout), and the versions their manifests pin (`class: web-php@2`).
import { getPrisma } from '@colo/db';
import { LABEL } from '@colo/engine';
import { type ApplianceClass, classImage } from '@colo/manifest';
import { engineConfig, getRuntime } from '../docker/engine-access';

export interface VersionUse {
  vdcId: string;
  vdc: string;
  ownerId: string;
  teamId: string;
  /** Appliances of the VDC on this version. */
  appliances: string[];
  /** Containers of those appliances running its image. */
  containers: number;
  /** Its deployed or newest revision names this version explicitly. */
  pinned: boolean;
}

interface ManifestAppliance {
  name?: unknown;
  class?: unknown;
}

/** Uses of every version of `classId`, per version number. */
export async function classUsage(classId: string, versions: readonly ApplianceClass[]): Promise<Map<number, VersionUse[]>> {
  const { instance, imageNamespace } = engineConfig();
  const byImage = new Map(versions.map((v) => [classImage(v, imageNamespace), v.version]));
  const [containers, vdcs] = await Promise.all([
    getRuntime().listContainers([`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`, `${LABEL.class}=${classId}`]),
    getPrisma().vdc.findMany({
      where: { state: { not: 'destroyed' } },
      select: { id: true, name: true, ownerId: true, teamId: true, deployedRevisionId: true, latestRevision: true },
    }),
  ]);
  // The deployed revision and the newest one of each: a pin about to be deployed counts too.
  const revisions = await getPrisma().revision.findMany({
    where: {
      OR: [
        { id: { in: vdcs.flatMap((v) => (v.deployedRevisionId ? [v.deployedRevisionId] : [])) } },
        ...vdcs.map((v) => ({ vdcId: v.id, number: v.latestRevision })),
      ],
    },
    select: { vdcId: true, manifest: true },
  });
  const uses = new Map<number, Map<string, VersionUse>>();
  const useOf = (version: number, vdc: (typeof vdcs)[number]): VersionUse => {
    const perVdc = uses.get(version) ?? new Map<string, VersionUse>();
    uses.set(version, perVdc);
    let use = perVdc.get(vdc.id);
    if (!use) {
      use = { vdcId: vdc.id, vdc: vdc.name, ownerId: vdc.ownerId, teamId: vdc.teamId, appliances: [], containers: 0, pinned: false };
      perVdc.set(vdc.id, use);
    }
    return use;
  };
  const vdcById = new Map(vdcs.map((v) => [v.id, v]));
  for (const c of containers) {
    const version = byImage.get(c.image);
    const vdc = vdcById.get(c.labels[LABEL.vdc] ?? '');
    if (version === undefined || !vdc) continue;
    const use = useOf(version, vdc);
    use.containers++;
    const appliance = c.labels[LABEL.appliance];
    if (appliance && !use.appliances.includes(appliance)) use.appliances.push(appliance);
  }
  for (const r of revisions) {
    const vdc = vdcById.get(r.vdcId);
    if (vdc) {
      const appliances = ((r.manifest as { appliances?: ManifestAppliance[] }).appliances ?? []).filter(
        (a) => typeof a.class === 'string' && a.class.startsWith(`${classId}@`),
      );
      for (const a of appliances) {
        const version = Number((a.class as string).slice(classId.length + 1));
        if (!Number.isInteger(version)) continue;
        const use = useOf(version, vdc);
        use.pinned = true;
        if (typeof a.name === 'string' && !use.appliances.includes(a.name)) use.appliances.push(a.name);
      }
    }
  }
  return new Map([...uses].map(([version, perVdc]) => [version, [...perVdc.values()]]));
}

/** VDCs that follow the class (an unpinned appliance in their deployed revision) and run now. */
export async function followers(classId: string) {
  const vdcs = await getPrisma().vdc.findMany({
    where: { state: 'running', deployedRevisionId: { not: null } },
    include: { owner: true },
  });
  const revisions = await getPrisma().revision.findMany({
    where: { id: { in: vdcs.map((v) => v.deployedRevisionId as string) } },
    select: { id: true, number: true, manifest: true },
  });
  const byId = new Map(revisions.map((r) => [r.id, r]));
  return vdcs.flatMap((vdc) => {
    const revision = byId.get(vdc.deployedRevisionId as string);
    const appliances = ((revision?.manifest as { appliances?: ManifestAppliance[] } | undefined)?.appliances ?? []).filter((a) => a.class === classId);
    return revision && appliances.length > 0 ? [{ vdc, revision: revision.number, appliances: appliances.map((a) => String(a.name)) }] : [];
  });
}
