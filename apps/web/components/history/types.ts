// The JSON the history page reads (docs/contracts.md), as the browser sees it: dates are strings.
import type { Snapshot } from '@colo/api';
import type { OperationBody } from '../deploy/types';

export type { OperationBody };

export interface RevisionBody {
  id: string;
  number: number;
  createdAt: string;
}

export type SnapshotBody = Snapshot;
export type SnapshotVolumeBody = Snapshot['volumes'][number];

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
