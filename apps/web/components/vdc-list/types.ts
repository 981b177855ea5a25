// What the VDC list shows, as `GET /api/v1/vdcs` answers it (dates as ISO strings): the
// contract's VdcList (@colo/api), with the fields this server always sends narrowed.
import type { VdcList } from '@colo/api';

type VdcListItem = VdcList['vdcs'][number];
type LastOperation = NonNullable<VdcListItem['lastOperation']>;

export type VdcRow = VdcListItem & {
  id: string;
  state: string;
  revision: number;
  applianceCount: number;
  lastOperation: (LastOperation & { kind: string; status: string; progress: number; createdAt: string; finishedAt: string | null }) | null;
};

export interface AssemblyOption {
  id: string;
  title: string;
  description?: string;
  manifest: Record<string, unknown>;
}

/** The team a VDC belongs to and the caller's role in it (servers before teams: absent). */
export type VdcTeam = NonNullable<VdcListItem['team']> & { role: 'viewer' | 'operator' | 'admin' };

/** A team the caller may create VDCs in (operator or admin), for the create dialog. */
export interface TeamOption {
  slug: string;
  name: string;
  personal: boolean;
}

/**
 * How to name each VDC in links and API calls: its name, or `name@team` where two of the
 * caller's teams have a VDC of that name (the plain name would be ambiguous, a 400).
 */
export function vdcRefs(vdcs: { id: string; name: string; team?: { slug: string } }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const v of vdcs) count.set(v.name, (count.get(v.name) ?? 0) + 1);
  return new Map(vdcs.map((v) => [v.id, (count.get(v.name) ?? 0) > 1 && v.team ? `${v.name}@${v.team.slug}` : v.name]));
}

/** A VDC in a path; `@` of `name@team` stays as typed (legal in a path, and readable). */
const vdcSegment = (name: string) => encodeURIComponent(name).replace(/%40/g, '@');
export const editorHref = (name: string) => `/vdcs/${vdcSegment(name)}`;
export const historyHref = (name: string) => `/vdcs/${vdcSegment(name)}/history`;
