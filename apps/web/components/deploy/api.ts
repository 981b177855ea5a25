// The REST calls of the deploy parts, through the app's one browser fetch (components/ui).
import { ApiError, apiFetch } from '../ui/api-fetch';

export { ApiError, apiFetch as api };

export interface ApiIssue {
  path: string;
  message: string;
  /** The appliance and field in words (@colo/manifest's issue words), from the server. */
  appliance?: string;
  field?: string;
}

/** Validation issues a 400 `invalid_manifest` carries, if any. */
export function issuesOf(err: unknown): ApiIssue[] {
  const issues = err instanceof ApiError ? err.details.issues : undefined;
  return Array.isArray(issues) ? (issues as ApiIssue[]) : [];
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function vdcPath(vdcName: string, rest = ''): string {
  return `/vdcs/${encodeURIComponent(vdcName)}${rest}`;
}
