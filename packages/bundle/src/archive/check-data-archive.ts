// A `.colo.tar` read once, streamed, before anything is created: the bundle through importBundle,
// the data manifest against it, each volume's size and sha256, and every entry of every volume's
// tar (volume-entries.ts). The answer is the manifest and the volumes to fill, or every reason.
import { createHash, type Hash } from 'node:crypto';
import type { AssemblyDefinition, Catalog, Manifest } from '@colo/manifest';
import type { Bundle } from '../bundle-schema';
import { importBundle } from '../import-bundle';
import { MAX_BUNDLE_BYTES } from '../read-bundle-text';
import {
  ARCHIVE_BUNDLE_FILE,
  ARCHIVE_DATA_FILE,
  type BundleData,
  type BundleDataVolume,
  bundleDataSchema,
  DATA_FORMAT,
  manifestInstanceVolumes,
} from './data-archive-format';
import { TarError, type TarHeader, TarParser, tarEvents } from './tar-stream';
import { volumeEntryPath, volumeEntryProblems } from './volume-entries';

export interface DataArchiveLimits {
  /** The whole archive. */
  maxBytes: number;
  /** Entries in one volume's tar. */
  maxEntries: number;
}

export const DEFAULT_DATA_ARCHIVE_LIMITS: DataArchiveLimits = { maxBytes: 4 * 1024 ** 3, maxEntries: 1_000_000 };

export interface CheckedVolume extends BundleDataVolume {
  /** The volume root's owner and mode as exported (its `./` entry), to be set on the new volume. */
  root?: { uid: number; gid: number; mode: number };
}

export type CheckDataArchiveResult =
  | {
      ok: true;
      manifest: Manifest;
      bundle: Bundle;
      bundleText: string;
      data: BundleData;
      volumes: CheckedVolume[];
      report: string[];
      /** Assembly versions the bundle brings that this Colo lacks. */
      newAssemblies: AssemblyDefinition[];
    }
  | { ok: false; reasons: string[] };

export interface CheckDataArchiveOptions {
  catalog: Catalog;
  /** The assembly versions the importing user may already place (see importBundle). */
  assemblies?: readonly AssemblyDefinition[];
  /** The new VDC's name; defaults to the manifest's own. */
  name?: string;
  limits?: Partial<DataArchiveLimits>;
}

/** A problem that ends the reading (the rest of the archive cannot be judged). */
class Stop extends Error {}

const MAX_REASONS = 20;
const MAX_DATA_JSON_BYTES = 1024 * 1024;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 === 0 ? 0 : 1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes % 1024 ** 2 === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}

interface VolumeReading {
  volume: BundleDataVolume;
  hash: Hash;
  got: number;
  parser: TarParser;
  entries: number;
  root?: CheckedVolume['root'];
  broken: boolean;
}

export async function checkDataArchive(source: AsyncIterable<Uint8Array>, options: CheckDataArchiveOptions): Promise<CheckDataArchiveResult> {
  const limits = { ...DEFAULT_DATA_ARCHIVE_LIMITS, ...options.limits };
  const reasons: string[] = [];
  const reason = (text: string) => {
    if (reasons.length < MAX_REASONS) reasons.push(text);
  };
  const report: string[] = [];
  let bundleText: string | undefined;
  let imported: Extract<ReturnType<typeof importBundle>, { ok: true }> | undefined;
  let data: BundleData | undefined;
  const seen = new Map<string, CheckedVolume>();
  let collecting: { name: string; parts: Buffer[]; got: number } | undefined;
  let reading: VolumeReading | undefined;

  let total = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      total += chunk.byteLength;
      if (total > limits.maxBytes) throw new Stop(`the archive is over ${formatSize(limits.maxBytes)}, the most this Colo imports`);
      yield chunk;
    }
  }

  const startEntry = (header: TarHeader) => {
    const where = volumeEntryPath(header.name);
    const name = 'path' in where ? where.path : header.name;
    if (header.type === 'directory' && (name === 'volumes' || /^volumes\/[a-z0-9-]+$/.test(name))) return;
    if (header.type !== 'file') throw new Stop(`the archive holds ${JSON.stringify(name)}, which is not a file (only ${ARCHIVE_BUNDLE_FILE}, ${ARCHIVE_DATA_FILE} and volumes/… belong in it)`);
    if (name === ARCHIVE_BUNDLE_FILE) {
      if (bundleText !== undefined) throw new Stop(`the archive holds ${ARCHIVE_BUNDLE_FILE} twice`);
      if (header.size > MAX_BUNDLE_BYTES) throw new Stop(`${ARCHIVE_BUNDLE_FILE} is over 1 MiB`);
      collecting = { name, parts: [], got: 0 };
      return;
    }
    if (name === ARCHIVE_DATA_FILE) {
      if (bundleText === undefined) throw new Stop(`${ARCHIVE_BUNDLE_FILE} must come first in the archive`);
      if (data !== undefined || collecting) throw new Stop(`the archive holds ${ARCHIVE_DATA_FILE} twice`);
      if (header.size > MAX_DATA_JSON_BYTES) throw new Stop(`${ARCHIVE_DATA_FILE} is over 1 MiB`);
      collecting = { name, parts: [], got: 0 };
      return;
    }
    if (!data) throw new Stop(`${ARCHIVE_BUNDLE_FILE} and ${ARCHIVE_DATA_FILE} must come first in the archive (found ${JSON.stringify(name)})`);
    const volume = data.volumes.find((v) => v.file === name);
    if (!volume) {
      reason(`the archive holds ${JSON.stringify(name.slice(0, 200))}, which ${ARCHIVE_DATA_FILE} does not list`);
      return;
    }
    if (seen.has(name)) throw new Stop(`the archive holds ${name} twice`);
    if (data.volumes.indexOf(volume) !== seen.size) throw new Stop(`${name} is out of order: the volumes follow ${ARCHIVE_DATA_FILE}'s order`);
    if (header.size !== volume.bytes) {
      throw new Stop(`${name} is ${formatSize(header.size)}, not the ${formatSize(volume.bytes)} ${ARCHIVE_DATA_FILE} says`);
    }
    reading = { volume, hash: createHash('sha256'), got: 0, parser: new TarParser(), entries: 0, broken: false };
  };

  const volumeData = (r: VolumeReading, chunk: Uint8Array) => {
    r.hash.update(chunk);
    r.got += chunk.byteLength;
    if (r.broken) return;
    try {
      for (const event of r.parser.push(chunk)) {
        if (event.kind !== 'entry') continue;
        r.entries++;
        if (r.entries > limits.maxEntries) {
          reason(`${r.volume.appliance}/${r.volume.volume} has more than ${limits.maxEntries} entries`);
          r.broken = true;
          return;
        }
        const problems = volumeEntryProblems(event.header);
        for (const p of problems) reason(`${r.volume.appliance}/${r.volume.volume}: ${p}`);
        const where = volumeEntryPath(event.header.name);
        if ('path' in where && where.path === '' && event.header.type === 'directory' && r.root === undefined) {
          r.root = { uid: event.header.uid, gid: event.header.gid, mode: event.header.mode & 0o7777 };
        }
      }
    } catch (error) {
      reason(`${r.volume.appliance}/${r.volume.volume}: ${error instanceof TarError ? error.message : 'its tar cannot be read'}`);
      r.broken = true;
    }
  };

  const endVolume = (r: VolumeReading) => {
    const label = `${r.volume.appliance}/${r.volume.volume}`;
    if (r.hash.digest('hex') !== r.volume.sha256) reason(`${label}: its data was changed after export (its sha256 does not match ${ARCHIVE_DATA_FILE})`);
    if (!r.broken) {
      try {
        r.parser.end();
      } catch (error) {
        reason(`${label}: ${(error as Error).message}`);
      }
    }
    seen.set(r.volume.file, { ...r.volume, ...(r.root ? { root: r.root } : {}) });
  };

  const endCollected = (c: { name: string; parts: Buffer[]; got: number }) => {
    const bytes = Buffer.concat(c.parts, c.got);
    if (c.name === ARCHIVE_BUNDLE_FILE) {
      bundleText = bytes.toString('utf8');
      const result = importBundle(bundleText, { catalog: options.catalog, assemblies: options.assemblies, name: options.name });
      if (!result.ok) {
        for (const r of result.reasons) reason(r);
        throw new Stop();
      }
      imported = result;
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new Stop(`${ARCHIVE_DATA_FILE} is not JSON`);
    }
    if (typeof raw === 'object' && raw !== null && typeof (raw as { format?: unknown }).format === 'number' && (raw as { format: number }).format > DATA_FORMAT) {
      throw new Stop(`${ARCHIVE_DATA_FILE} is format ${(raw as { format: number }).format}, newer than this Colo reads (${DATA_FORMAT})`);
    }
    const parsed = bundleDataSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) reason(`${ARCHIVE_DATA_FILE}: ${i.path.join('.') || 'data'}: ${i.message}`);
      throw new Stop();
    }
    const candidate = parsed.data;
    const ownSha = createHash('sha256').update(bundleText ?? '', 'utf8').digest('hex');
    if (candidate.bundleSha256 !== ownSha) reason(`${ARCHIVE_DATA_FILE} belongs to another bundle (its bundleSha256 does not match ${ARCHIVE_BUNDLE_FILE})`);
    const wanted = imported ? manifestInstanceVolumes(imported.manifest, options.catalog) : new Set<string>();
    const listed = new Set<string>();
    for (const v of candidate.volumes) {
      const key = `${v.appliance}/${v.volume}`;
      if (listed.has(key)) reason(`${ARCHIVE_DATA_FILE} lists ${key} twice`);
      listed.add(key);
      if (!wanted.has(key)) reason(`volume ${key} is not an instance volume of the manifest's appliances`);
      if (v.file !== `volumes/${v.appliance}/${v.volume}.tar`) reason(`${ARCHIVE_DATA_FILE}: ${key} must be stored as volumes/${v.appliance}/${v.volume}.tar`);
    }
    for (const key of wanted) if (!listed.has(key)) report.push(`${key} has no data in the archive: it starts empty`);
    const declared = candidate.volumes.reduce((sum, v) => sum + v.bytes, 0);
    if (declared > limits.maxBytes) reason(`the volumes add up to ${formatSize(declared)}, over the ${formatSize(limits.maxBytes)} this Colo imports`);
    if (reasons.length > 0) throw new Stop();
    data = candidate;
  };

  try {
    for await (const event of tarEvents(counted())) {
      if (event.kind === 'entry') {
        startEntry(event.header);
      } else if (event.kind === 'data') {
        if (collecting) {
          collecting.parts.push(Buffer.from(event.chunk));
          collecting.got += event.chunk.byteLength;
        } else if (reading) {
          volumeData(reading, event.chunk);
        }
      } else {
        if (collecting) {
          const done = collecting;
          collecting = undefined;
          endCollected(done);
        } else if (reading) {
          const done = reading;
          reading = undefined;
          endVolume(done);
        }
      }
    }
  } catch (error) {
    if (error instanceof Stop) {
      if (error.message) reason(error.message);
    } else if (error instanceof TarError) {
      reason(`the archive cannot be read: ${error.message}`);
    } else {
      throw error;
    }
    return { ok: false, reasons: reasons.length > 0 ? reasons : ['the archive was refused'] };
  }
  if (bundleText === undefined || !imported) reason(`the archive holds no ${ARCHIVE_BUNDLE_FILE}`);
  else if (!data) reason(`the archive holds no ${ARCHIVE_DATA_FILE}`);
  else for (const v of data.volumes) if (!seen.has(v.file)) reason(`${v.file} is listed in ${ARCHIVE_DATA_FILE} but missing from the archive`);
  if (reasons.length > 0 || !imported || !data || bundleText === undefined) return { ok: false, reasons };
  return {
    ok: true,
    manifest: imported.manifest,
    bundle: imported.bundle,
    bundleText,
    data,
    volumes: data.volumes.map((v) => seen.get(v.file) ?? v),
    report: [...imported.report, ...report],
    newAssemblies: imported.newAssemblies,
  };
}
