// What the API shows of a snapshot: its number (per VDC), what it holds and how it was taken.
// The Docker volume names stay inside: a snapshot is addressed by VDC and number.
import type { Revision, Snapshot } from '@colo/db';

export interface SnapshotVolumeView {
  appliance: string;
  volume: string;
  bytes: number;
}

export interface SnapshotView {
  number: number;
  vdc: string;
  note: string | null;
  /** `creating` while its operation copies, then `ready`. */
  status: string;
  /** The revision it holds (the one deployed when it was taken). */
  revision: number;
  /** `reflink` (copy-on-write) or `copy` (streaming). */
  method: string | null;
  sizeBytes: number;
  /** How long the VDC's writers were paused for it. */
  pauseMs: number | null;
  durationMs: number | null;
  volumes: SnapshotVolumeView[];
  createdAt: Date;
  finishedAt: Date | null;
}

/** One volume as stored in `Snapshot.volumes`. */
export interface StoredSnapshotVolume {
  appliance: string;
  volume: string;
  name: string;
  bytes: number;
}

export function storedVolumes(snapshot: Pick<Snapshot, 'volumes'>): StoredSnapshotVolume[] {
  return Array.isArray(snapshot.volumes) ? (snapshot.volumes as unknown as StoredSnapshotVolume[]) : [];
}

export function snapshotView(snapshot: Snapshot & { revision: Pick<Revision, 'number'> }, vdcName: string): SnapshotView {
  return {
    number: snapshot.number,
    vdc: vdcName,
    note: snapshot.note,
    status: snapshot.status,
    revision: snapshot.revision.number,
    method: snapshot.method,
    sizeBytes: Number(snapshot.sizeBytes),
    pauseMs: snapshot.pauseMs,
    durationMs: snapshot.durationMs,
    volumes: storedVolumes(snapshot).map(({ appliance, volume, bytes }) => ({ appliance, volume, bytes })),
    createdAt: snapshot.createdAt,
    finishedAt: snapshot.finishedAt,
  };
}
