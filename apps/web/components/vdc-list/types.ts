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

export const editorHref = (name: string) => `/vdcs/${encodeURIComponent(name)}`;
export const historyHref = (name: string) => `/vdcs/${encodeURIComponent(name)}/history`;
