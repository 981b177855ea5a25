// A bundle and its volumes' tars into one `.colo.tar`, streamed: the data manifest is written
// first (sizes and checksums measured beforehand), and each volume's bytes are checked against
// it on the way through, so an archive that would not import is never finished.
import { createHash } from 'node:crypto';
import { ARCHIVE_BUNDLE_FILE, ARCHIVE_DATA_FILE, type BundleData, DATA_FORMAT, volumeArchiveFile } from './data-archive-format';
import { TAR_END, TarError, tarFileHeader, tarPadding } from './tar-stream';

export interface MeasuredVolume {
  appliance: string;
  volume: string;
  bytes: number;
  sha256: string;
}

export interface DataArchiveInput {
  bundleText: string;
  snapshot: { number: number; takenAt: string };
  volumes: MeasuredVolume[];
  /** Each volume's tar, in the order of `volumes`: the same bytes that were measured. */
  volumeStream: (index: number) => AsyncIterable<Uint8Array>;
  exportedAt?: Date;
}

export function bundleDataOf(input: Pick<DataArchiveInput, 'bundleText' | 'snapshot' | 'volumes'>): BundleData {
  return {
    apiVersion: 'colo/v1',
    kind: 'BundleData',
    format: DATA_FORMAT,
    bundleSha256: createHash('sha256').update(input.bundleText, 'utf8').digest('hex'),
    snapshot: input.snapshot,
    volumes: input.volumes.map((v) => ({ appliance: v.appliance, volume: v.volume, file: volumeArchiveFile(v.appliance, v.volume), bytes: v.bytes, sha256: v.sha256 })),
  };
}

/** The archive's size in bytes, known before it is written (for Content-Length and progress). */
export function dataArchiveSize(input: Pick<DataArchiveInput, 'bundleText' | 'snapshot' | 'volumes'>): number {
  const entry = (size: number) => 512 + size + tarPadding(size).length;
  const dataText = JSON.stringify(bundleDataOf(input), null, 2);
  return entry(Buffer.byteLength(input.bundleText)) + entry(Buffer.byteLength(dataText)) + input.volumes.reduce((sum, v) => sum + entry(v.bytes), 0) + TAR_END.length;
}

export async function* writeDataArchive(input: DataArchiveInput): AsyncGenerator<Buffer> {
  const when = input.exportedAt ?? new Date();
  const file = function* (name: string, body: Buffer) {
    yield tarFileHeader(name, body.length, when);
    yield body;
    yield tarPadding(body.length);
  };
  yield* file(ARCHIVE_BUNDLE_FILE, Buffer.from(input.bundleText, 'utf8'));
  const data = bundleDataOf(input);
  yield* file(ARCHIVE_DATA_FILE, Buffer.from(JSON.stringify(data, null, 2), 'utf8'));
  for (const [i, v] of data.volumes.entries()) {
    yield tarFileHeader(v.file, v.bytes, when);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of input.volumeStream(i)) {
      bytes += chunk.byteLength;
      if (bytes > v.bytes) throw new TarError(`${v.appliance}/${v.volume} changed while it was exported (more bytes than measured)`);
      hash.update(chunk);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    if (bytes !== v.bytes || hash.digest('hex') !== v.sha256) throw new TarError(`${v.appliance}/${v.volume} changed while it was exported (its checksum differs from the one measured)`);
    yield tarPadding(v.bytes);
  }
  yield TAR_END;
}
