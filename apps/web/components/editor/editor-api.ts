// The REST calls the editor makes, typed as the browser sees them (docs/contracts.md).
import type { Assembly as ApiAssembly, AssemblySaved, AssemblyVisibility, Catalog, VdcAnswer, VdcSaved } from '@colo/api';
import type { AssemblyDraft } from '@colo/canvas';
import { type ApplianceClass, type AssemblyDefinition, type Issue, type ManifestInput, parseManifestText } from '@colo/manifest';
import { ApiError, apiFetch } from '@/components/ui/api-fetch';

/** A stock assembly as GET /catalog lists it. */
export type AssemblyBody = Catalog['assemblies'][number] & {
  description: string;
  /** The assembly file's text (comments kept); older servers sent the parsed object. */
  manifest: string | ManifestInput;
};

/** A user's assembly as GET /assemblies and GET /catalog list it: the contract's, its definition read. */
export type UserAssembly = ApiAssembly & { visibility: AssemblyVisibility; definition: AssemblyDefinition };

/** GET /catalog: the contract's answer, with the classes and definitions as the manifest package reads them. */
export type CatalogBody = Catalog & {
  classes: ApplianceClass[];
  assemblies: AssemblyBody[];
  userAssemblies?: UserAssembly[];
  assemblyDefinitions?: AssemblyDefinition[];
};

export type SavedAssemblyBody = AssemblySaved & { definition: AssemblyDefinition };

/** An assembly ready to drop: its manifest read. */
export interface Assembly {
  id: string;
  title: string;
  description: string;
  manifest: ManifestInput;
}

export function readAssemblies(list: AssemblyBody[]): Assembly[] {
  return list.flatMap((a) => {
    if (typeof a.manifest !== 'string') return [{ ...a, manifest: a.manifest }];
    const { value } = parseManifestText(a.manifest);
    if (!value || typeof value !== 'object') return [];
    return [{ ...a, manifest: value as ManifestInput }];
  });
}

type VdcRef = VdcAnswer['vdc'] & { id: string; state: string; revision: number; busy: boolean };

/** GET /vdcs/:name: the contract's answer, with what this server always sends. */
export type VdcBody = VdcAnswer & {
  vdc: VdcRef;
  revision: VdcAnswer['revision'] & { id: string; manifest: ManifestInput; createdAt: string };
};

/** PUT /vdcs/:name. */
export type SavedBody = VdcSaved & {
  vdc: VdcRef;
  revision: { id: string; number: number; createdAt: string };
  changed: boolean;
};

const vdcUrl = (name: string) => `/vdcs/${encodeURIComponent(name)}`;

export function fetchCatalog(signal?: AbortSignal): Promise<CatalogBody> {
  return apiFetch<CatalogBody>('/catalog', { signal });
}

export function fetchVdc(name: string, signal?: AbortSignal): Promise<VdcBody> {
  return apiFetch<VdcBody>(vdcUrl(name), { signal });
}

/** `draft`: keep it even with problems (answered in `problems`); deploying it is refused until fixed. */
export function putVdc(name: string, manifest: ManifestInput, baseRevision: number, draft = false): Promise<SavedBody> {
  return apiFetch<SavedBody>(vdcUrl(name), { method: 'PUT', body: { manifest, baseRevision, ...(draft ? { draft } : {}) } });
}

/** The revision a 409 stale_revision names, when the error is one. */
export function staleRevisionOf(err: unknown): number | undefined {
  if (!(err instanceof ApiError) || err.code !== 'stale_revision') return undefined;
  const current = err.details.currentRevision;
  return typeof current === 'number' ? current : undefined;
}

export function issuesOf(err: unknown): Issue[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details.issues)) return [];
  return err.details.issues as Issue[];
}

export function postAssembly(assembly: AssemblyDraft, note?: string): Promise<SavedAssemblyBody> {
  return apiFetch<SavedAssemblyBody>('/assemblies', { method: 'POST', body: { assembly, ...(note ? { note } : {}) } });
}

export async function fetchAssemblyVersion(id: string, version: number, signal?: AbortSignal): Promise<AssemblyDefinition> {
  const body = await apiFetch<{ definition: AssemblyDefinition }>(`/assemblies/${encodeURIComponent(id)}/versions/${version}`, { signal });
  return body.definition;
}

export function postVdc(manifest: ManifestInput): Promise<{ vdc: VdcBody['vdc'] }> {
  return apiFetch<{ vdc: VdcBody['vdc'] }>('/vdcs', { method: 'POST', body: { manifest } });
}

export { ApiError };
