// What the API shows of VDCs and revisions. Built here, so no route can leak a column by
// accident: the sealed secrets, the owner and the lock never appear.
import type { Operation, Revision, Vdc } from '@colo/db';

export interface VdcView {
  id: string;
  name: string;
  /** Set where the caller's role is known (GET /vdcs/:name). */
  team?: VdcTeamView;
  state: string;
  /** Number of the newest revision. */
  revision: number;
  /** Id of the revision the last successful deploy applied, if any. */
  deployedRevisionId: string | null;
  busy: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface RevisionSummary {
  id: string;
  number: number;
  createdAt: Date;
}

export interface RevisionView extends RevisionSummary {
  manifest: unknown;
}

export interface OperationSummary {
  id: string;
  kind: string;
  status: string;
  progress: number;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The team that owns a VDC, and the caller's role in it (what the UI offers them). */
export interface VdcTeamView {
  slug: string;
  name: string;
  personal: boolean;
  role: 'viewer' | 'operator' | 'admin';
}

export interface VdcListItem {
  id: string;
  name: string;
  state: string;
  revision: number;
  applianceCount: number;
  /** The latest revision's description ('' when it has none): the list searches it. */
  description: string;
  /** When the VDC last changed (a save, a rename, a state change): the list sorts by it. */
  updatedAt: Date;
  lastOperation: OperationSummary | null;
  team: VdcTeamView;
}

export function vdcView(vdc: Vdc): VdcView {
  return {
    id: vdc.id,
    name: vdc.name,
    state: vdc.state,
    revision: vdc.latestRevision,
    deployedRevisionId: vdc.deployedRevisionId,
    busy: vdc.activeOperationId !== null,
    createdAt: vdc.createdAt,
    updatedAt: vdc.updatedAt,
  };
}

export function revisionSummary(rev: Revision): RevisionSummary {
  return { id: rev.id, number: rev.number, createdAt: rev.createdAt };
}

export function revisionView(rev: Revision): RevisionView {
  return { ...revisionSummary(rev), manifest: rev.manifest };
}

export function operationSummary(op: Operation): OperationSummary {
  return { id: op.id, kind: op.kind, status: op.status, progress: op.progress, createdAt: op.createdAt, finishedAt: op.finishedAt };
}

export function manifestDescription(manifest: unknown): string {
  const description = (manifest as { description?: unknown } | null)?.description;
  return typeof description === 'string' ? description : '';
}

export function applianceCount(manifest: unknown): number {
  const appliances = (manifest as { appliances?: unknown } | null)?.appliances;
  return Array.isArray(appliances) ? appliances.length : 0;
}
