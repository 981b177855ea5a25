// Plan previews: what a deploy would do now, computed exactly as the deploy will (deploy-state),
// without saving or changing anything. Secrets a deploy would generate stay in memory here.
import { formatPlan, formatSwarmPlan, type Plan } from '@colo/engine';
import { type Manifest, placementNotes } from '@colo/manifest';
import type { AuthUser } from '../auth/api-tokens';
import { manifestDigest } from '../manifests/digest';
import { checkManifest, ownerOfVdc } from '../manifests/manifest-input';
import { findOwnedVdc, findRevision } from '../vdcs/find-vdc';
import { sourceOwner } from '../vdcs/source-owner';
import { getPrisma, type Vdc } from '@colo/db';
import { computeDeploy, computeDesired } from './deploy-state';
import { vdcEngineMode } from './engine-mode';
import { planView, previewSwarmPlan } from './swarm-vdc';

export interface PlanPreview {
  vdc: string;
  exists: boolean;
  plan: Plan;
  text: string;
}

/** `POST /plan`: a manifest (saved or not) against what Docker has for the VDC of that name. */
export async function planManifest(user: AuthUser, source: unknown): Promise<PlanPreview> {
  const { owner, vdcId } = await sourceOwner(user, source);
  const { manifest } = await checkManifest(owner, source, { mode: 'deploy', exceptVdcId: vdcId });
  const vdc = vdcId ? await getPrisma().vdc.findUnique({ where: { id: vdcId } }) : null;
  if (!vdc) {
    // A VDC not created yet: everything is a create; its real id and key come with POST /vdcs.
    const state = await computeDeploy(
      { id: 'vdc_new', name: manifest.name, dockerKey: `${manifest.name}-new`, secrets: null },
      manifest,
      'rev_new',
    );
    return { vdc: manifest.name, exists: false, plan: state.plan, text: singleHostText(state.plan, manifest) };
  }
  const latest = vdc.latestRevision > 0 ? await findRevision(vdc) : undefined;
  const revisionId = latest && latest.digest === manifestDigest(manifest) ? latest.id : 'rev_unsaved';
  const swarm = await swarmPreview(vdc, manifest, revisionId);
  if (swarm) return { vdc: vdc.name, exists: true, ...swarm };
  const state = await computeDeploy(vdc, manifest, revisionId);
  return { vdc: vdc.name, exists: true, plan: state.plan, text: singleHostText(state.plan, manifest) };
}

/** `POST /vdcs/:name/plan`: a saved revision (the latest unless named) against Docker now. */
export async function planVdc(user: AuthUser, name: string, revisionNumber?: number): Promise<{ plan: Plan; text: string }> {
  const vdc = await findOwnedVdc(user, name);
  const revision = await findRevision(vdc, revisionNumber);
  const { manifest } = await checkManifest(ownerOfVdc(vdc), revision.manifest, { mode: 'deploy', exceptVdcId: vdc.id });
  const swarm = await swarmPreview(vdc, manifest, revision.id);
  if (swarm) return swarm;
  const { plan } = await computeDeploy(vdc, manifest, revision.id);
  return { plan, text: singleHostText(plan, manifest) };
}

/** On a swarm (engine-mode.ts), the swarm deployer's plan; undefined on a single host. */
async function swarmPreview(vdc: Pick<Vdc, 'id' | 'name' | 'dockerKey' | 'secrets'>, manifest: Manifest, revisionId: string): Promise<{ plan: Plan; text: string } | undefined> {
  const mode = await vdcEngineMode(vdc);
  if (mode.mode !== 'swarm') {
    if (!mode.note) return undefined;
    const { plan } = await computeDeploy(vdc, manifest, revisionId);
    return { plan, text: `${singleHostText(plan, manifest)}\n  note: ${mode.note}` };
  }
  const { desired, placement } = await computeDesired(vdc, manifest, revisionId);
  const planned = await previewSwarmPlan(desired, placement);
  return { plan: planView(planned, desired), text: formatSwarmPlan(planned.plan) };
}

/** A single host's plan text, with a note for each placement that only a swarm applies. */
function singleHostText(plan: Plan, manifest: Manifest): string {
  return [formatPlan(plan), ...placementNotes(manifest).map((n) => `  note: ${n}`)].join('\n');
}
