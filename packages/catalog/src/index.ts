// @colo/catalog: the appliance classes and assemblies under `templates/`, loaded and checked, and
// the class images built from them.
export { type AssemblyInfo, parseAssemblyFile } from './assembly-file';
export { CatalogError, type CatalogErrorCode, type CatalogProblem, formatProblem, isCatalogError } from './catalog-error';
export { parseClassFile } from './class-file';
export {
  BUILD_HASH_LABEL,
  CLASS_LABEL,
  CLASS_VERSION_LABEL,
  type ClassBuildEvent,
  type ClassImageResult,
  classBuildSettings,
  type EnsureClassImagesOptions,
  ensureClassImage,
  ensureClassImages,
} from './ensure-class-images';
export { type ClassSource, createFileCatalog, type FileCatalog } from './file-catalog';
export { hashFolder, listFolderFiles } from './folder-hash';
export { IMAGE_NAMESPACE_PATTERN, imageNamespace } from './image-namespace';
export { DEFAULT_TEMPLATES_ROOT, type LoadedCatalog, loadCatalog, templatesRoot } from './load-catalog';
export { committedImage, type StoredClassVersion, withStoredVersions } from './stored-versions';
