// The volumes' tars of a `.colo.tar` that checkDataArchive accepted, streamed out in order: the
// second read, which fills the new VDC's volumes.
import { volumeEntryPath } from './volume-entries';
import { tarEvents } from './tar-stream';

export type VolumeTarEvent = { kind: 'start'; file: string } | { kind: 'data'; chunk: Uint8Array } | { kind: 'end'; file: string };

export async function* volumeTars(source: AsyncIterable<Uint8Array>, files: ReadonlySet<string>): AsyncGenerator<VolumeTarEvent> {
  let current: string | undefined;
  for await (const event of tarEvents(source)) {
    if (event.kind === 'entry') {
      const where = volumeEntryPath(event.header.name);
      const name = 'path' in where ? where.path : '';
      current = event.header.type === 'file' && files.has(name) ? name : undefined;
      if (current) yield { kind: 'start', file: current };
    } else if (event.kind === 'data') {
      if (current) yield event;
    } else if (current) {
      yield { kind: 'end', file: current };
      current = undefined;
    }
  }
}
