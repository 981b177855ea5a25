// The JSON the history page reads (docs/contracts.md), as the browser sees it: dates are strings.
import type { OperationBody } from '../deploy/types';

export type { OperationBody };

export interface RevisionBody {
  id: string;
  number: number;
  createdAt: string;
}

export interface SnapshotVolumeBody {
  appliance: string;
  volume: string;
  bytes: number;
}

export interface SnapshotBody {
  number: number;
  note: string | null;
  /** `creating` while its operation copies, then `ready`. */
  status: 'creating' | 'ready' | string;
  /** The revision it holds. */
  revision: number;
  /** `reflink` (copy-on-write) or `copy` (streaming); null while creating. */
  method: string | null;
  sizeBytes: number;
  pauseMs: number | null;
  durationMs: number | null;
  volumes: SnapshotVolumeBody[];
  createdAt: string;
  finishedAt: string | null;
}

export interface HistoryVdcBody {
  id: string;
  name: string;
  state: string;
  revision: number;
  deployedRevisionId: string | null;
  busy: boolean;
}

/** `GET /vdcs/:name?revision=N`. */
export interface RevisionManifestBody {
  vdc: HistoryVdcBody;
  revision: RevisionBody & { manifest: unknown };
}

/** What a clone operation leaves in its result once it succeeded. */
export interface CloneResult {
  vdc: string;
  deployOperation: string;
  ports?: Record<string, number>;
}

export { editorHref, historyHref } from '../vdc-list/types';
