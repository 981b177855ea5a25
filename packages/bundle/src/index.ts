// @colo/bundle: a VDC manifest as one portable `.colo.yaml` file and back, with a format version,
// a checksum and the class versions it needs. Pure: no database, no Docker.
export { BUNDLE_FORMAT, type Bundle, type BundleClass, bundleSchema } from './bundle-schema';
export { bundleChecksum, canonicalBundleJson, canonicalJson } from './bundle-checksum';
export { MAX_BUNDLE_BYTES, readBundleText } from './read-bundle-text';
export { type ExportBundleOptions, type ExportedBundle, exportBundle } from './export-bundle';
export { type ImportBundleOptions, type ImportBundleResult, importBundle } from './import-bundle';
export {
  ARCHIVE_BUNDLE_FILE,
  ARCHIVE_DATA_FILE,
  type BundleData,
  type BundleDataVolume,
  bundleDataSchema,
  DATA_FORMAT,
  manifestInstanceVolumes,
  volumeArchiveFile,
} from './archive/data-archive-format';
export {
  type CheckDataArchiveOptions,
  type CheckDataArchiveResult,
  type CheckedVolume,
  checkDataArchive,
  DEFAULT_DATA_ARCHIVE_LIMITS,
  type DataArchiveLimits,
  formatSize,
} from './archive/check-data-archive';
export { type DataArchiveInput, dataArchiveSize, type MeasuredVolume, writeDataArchive } from './archive/write-data-archive';
export { TAR_END, type TarEvent, TarError, type TarHeader, type TarHeaderSpec, TarParser, tarEvents, tarHeader, tarPadding } from './archive/tar-stream';
export { volumeEntryProblems } from './archive/volume-entries';
export { type VolumeTarEvent, volumeTars } from './archive/volume-tars';
export {
  type AssemblyBundle,
  assemblyBundleSchema,
  type ExportAssemblyOptions,
  exportAssemblyBundle,
  type ImportAssemblyResult,
  importAssemblyBundle,
} from './assembly-bundle';
