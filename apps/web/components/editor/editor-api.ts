// The REST calls the editor makes, typed as the browser sees them (docs/contracts.md).
import { type ApplianceClass, type Issue, type ManifestInput, parseManifestText } from '@colo/manifest';
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

export { ApiError };
