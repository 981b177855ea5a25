// The REST calls the editor makes, typed as the browser sees them (docs/contracts.md).
import type { AssemblyDraft } from '@colo/canvas';
import { type ApplianceClass, type AssemblyDefinition, type Issue, type ManifestInput, parseManifestText } from '@colo/manifest';
import { ApiError, apiFetch } from '@/components/ui/api-fetch';

export interface AssemblyBody {
  id: string;
  title: string;
  description: string;
  /** The assembly file's text (comments kept); older servers sent the parsed object. */
  manifest: string | ManifestInput;
}

export interface CatalogBody {
  classes: ApplianceClass[];
  /** The version a class id without `@N` means on the server (absent from an older server). */
  heads?: Record<string, number>;
  assemblies: AssemblyBody[];
  /** Assemblies users saved that this user may place, newest version each (absent from an older server). */
  userAssemblies?: UserAssembly[];
  /** Every version of those (and of what they contain) the user may place. */
  assemblyDefinitions?: AssemblyDefinition[];
}

/** A user's assembly as GET /assemblies and GET /catalog list it (control's AssemblyView). */
export interface UserAssembly {
  id: string;
  title: string;
  description: string;
  icon: string;
  /** The newest version. */
  version: number;
  visibility: 'private' | 'shared' | 'published';
  owner: { id: string; name: string; email: string };
  mine: boolean;
  versions: { version: number; note: string; createdAt: string }[];
  definition: AssemblyDefinition;
}

export interface SavedAssemblyBody {
  id: string;
  version: number;
  definition: AssemblyDefinition;
}

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

export interface VdcBody {
  vdc: { id: string; name: string; state: string; revision: number; busy: boolean };
  revision: { id: string; number: number; manifest: ManifestInput; createdAt: string };
}

export interface SavedBody {
  vdc: VdcBody['vdc'];
  revision: { id: string; number: number; createdAt: string };
  changed: boolean;
}

const vdcUrl = (name: string) => `/vdcs/${encodeURIComponent(name)}`;

export function fetchCatalog(signal?: AbortSignal): Promise<CatalogBody> {
  return apiFetch<CatalogBody>('/catalog', { signal });
}

export function fetchVdc(name: string, signal?: AbortSignal): Promise<VdcBody> {
  return apiFetch<VdcBody>(vdcUrl(name), { signal });
}

export function putVdc(name: string, manifest: ManifestInput, baseRevision: number): Promise<SavedBody> {
  return apiFetch<SavedBody>(vdcUrl(name), { method: 'PUT', body: { manifest, baseRevision } });
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
