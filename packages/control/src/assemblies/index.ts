export { assembliesForStored, catalogFor, catalogForStored, type UserCatalog } from './assembly-catalog';
export { type AssemblyUseView, type AssemblyView, getAssembly, getAssemblyVersion, listAssemblies } from './assembly-views';
export { expandStored } from './expand-stored';
export { type SavedAssembly, saveAssembly } from './save-assembly';
export { deleteAssembly, type SharingInput, setAssemblySharing, sharingInputSchema } from './share-assembly';
export { type Adopted, adoptAssemblies } from './adopt-assemblies';
export { type AssemblyImportResult, exportAssemblyFor, importAssemblyFor } from './assembly-bundles';
