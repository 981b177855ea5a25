// @colo/manifest: the manifest schema, its validator and the graph rules, shared by the editor,
// the API, the CLI and the worker. Pure TypeScript: no I/O, no Node APIs.
export * from './class-schema';
export * from './resolved';
export type { Issue, Severity } from './issue';
export { formatIssue, formatPath, issuePlace } from './issue';
export { describeIssues } from './issue-words';
export { checkManifestLimits } from './manifest-limits';
export * from './manifest-schema';
export { DEFAULT_FAILURE_WINDOW, DEFAULT_MAX_FAILURES, type FailoverPolicy, failoverPolicy, failureWindowMs } from './failover';
export { forbiddenKeyReason } from './forbidden-keys';
export {
  failoverGroups,
  formatNodeSelector,
  GROUP_PATTERN,
  type NodeSelector,
  parseNodeSelector,
  placementNotes,
} from './placement';
export { validateManifest, type ValidateOptions, type ValidationResult } from './validate-manifest';
export { MAX_MANIFEST_BYTES, parseManifestText, validateManifestText } from './parse-manifest';
export { type GuardedYamlLimits, readGuardedYaml } from './read-guarded-yaml';
export { canonicalManifest, stringifyManifest } from './stringify-manifest';
export { type DiffLine, diffLines, unifiedDiff } from './line-diff';
export { resolveManifest } from './resolve';
export { bootWaves, type CanConnect, canConnect, formatEndpoint, parseEndpoint } from './graph';
export { protocolsMatch } from './wire-rules';
export { propertyValueProblem } from './property-value';
export { createCatalog } from './memory-catalog';
export * from './assembly-schema';
export { assemblyClass, type BoundaryTerminal, interiorTerminal } from './assembly-class';
export { withAssemblies } from './assembly-catalog';
export { type ExpandResult, expandAssemblies, hasAssemblies } from './expand-assemblies';
export { type AssemblyValidation, assemblyDepth, validateAssembly } from './validate-assembly';
