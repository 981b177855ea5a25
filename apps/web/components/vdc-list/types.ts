// What the VDC list shows, as `GET /api/v1/vdcs` answers it (dates as ISO strings).
export interface VdcRow {
  id: string;
  name: string;
  state: string;
  revision: number;
  applianceCount: number;
  lastOperation: { id: string; kind: string; status: string; progress: number; createdAt: string; finishedAt: string | null } | null;
}

export interface AssemblyOption {
  id: string;
  title: string;
  description?: string;
  manifest: Record<string, unknown>;
}

export const editorHref = (name: string) => `/vdcs/${encodeURIComponent(name)}`;
export const historyHref = (name: string) => `/vdcs/${encodeURIComponent(name)}/history`;
