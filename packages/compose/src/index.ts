// @colo/compose: a docker-compose.yml (Compose Specification) into a VDC manifest and a report of
// what was mapped, changed, dropped or refused. Pure: no I/O, no database, no Docker.
export { CUSTOM_IMAGE_CLASS, type CustomImageLookup } from './custom-images';
export { type ImportOptions, type ImportResult, importCompose } from './import-compose';
export { IMAGE_CLASSES } from './image-classes';
export { MAX_COMPOSE_BYTES } from './read-compose-text';
export type { ReportLine, ReportSeverity } from './report';
export { type ExportOptions, type ExportResult, exportCompose } from './export-compose';
