// @colo/bundle: a VDC manifest as one portable `.colo.yaml` file and back, with a format version,
// a checksum and the class versions it needs. Pure: no database, no Docker.
export { BUNDLE_FORMAT, type Bundle, type BundleClass, bundleSchema } from './bundle-schema';
export { bundleChecksum, canonicalBundleJson } from './bundle-checksum';
export { MAX_BUNDLE_BYTES, readBundleText } from './read-bundle-text';
export { type ExportBundleOptions, type ExportedBundle, exportBundle } from './export-bundle';
export { type ImportBundleOptions, type ImportBundleResult, importBundle } from './import-bundle';
