// What the browser sends for a dropped or picked file: a `.colo.yaml` bundle as JSON text, a
// `.colo.tar` (a bundle with its data) as the body itself. Both ask the same route; a dry run
// first gives the manifest's name or every reason the bundle is refused.
import { formatIssue } from '@colo/manifest';
import { ApiError } from '../ui/api-fetch';

/** A `.colo.tar` by its ustar magic (what the server reads), else by its name. */
export async function isArchive(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(257, 262).arrayBuffer());
  if (new TextDecoder('latin1').decode(head) === 'ustar') return true;
  return /\.tar$/i.test(file.name);
}

/** An assembly's `.colo.yaml` (kind AssemblyBundle): what it names, read from the text. */
export interface AssemblyFile {
  text: string;
  id: string;
  version: number;
}

/**
 * The assembly a file holds, when it is an assembly bundle; undefined for anything else. Only the
 * lines Colo writes are read here (the server checks the whole file).
 */
export async function assemblyFileOf(file: File): Promise<AssemblyFile | undefined> {
  if (file.size > 1024 * 1024 || (await isArchive(file))) return undefined;
  const text = await file.text();
  if (!/^kind:\s*AssemblyBundle\s*$/m.test(text)) return undefined;
  const from = /^from:\s*\n\s+assembly:\s*([a-z][a-z0-9-]*)\s*\n\s+version:\s*(\d+)/m.exec(text);
  return { text, id: from?.[1] ?? '', version: Number(from?.[2] ?? 0) };
}

/** Imports an assembly's `.colo.yaml`: the versions this Colo lacks become the user's own. */
export async function sendAssembly(text: string): Promise<{ assembly: { id: string; version: number }; added: string[]; report: string[] }> {
  let res: Response;
  try {
    res = await fetch('/api/v1/assemblies/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ bundle: text }), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Colo could not be reached. Check your connection and try again.');
  }
  return answer(res);
}

async function answer<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    /* not JSON: the status says it */
  }
  if (!res.ok) {
    const { code, message, ...details } = ((body.error as Record<string, unknown>) ?? {}) as Record<string, unknown>;
    throw new ApiError(res.status, typeof code === 'string' ? code : 'http_error', typeof message === 'string' ? message : `request failed (${res.status})`, details);
  }
  return body as T;
}

export interface ImportVerdict {
  manifest?: { name?: string };
  volumes?: { appliance: string; volume: string; bytes: number }[];
  vdc?: { name: string };
}

/** Every reason the server gave for a refusal, one line each. */
export function refusalReasons(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [(error as Error).message];
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as { path?: string; message: string; appliance?: string; field?: string }[]) : [];
  if (issues.length === 0) return [error.message];
  // The validator's one wording ("web · memory: at most 4Gi"), as Problems and the CLI say it.
  return issues.map((i) => formatIssue({ severity: 'error', ...i, path: i.path ?? '' }));
}

export async function sendBundle(file: File, options: { name?: string; dryRun: boolean }): Promise<ImportVerdict> {
  let res: Response;
  try {
    if (await isArchive(file)) {
      const query = new URLSearchParams();
      if (options.name) query.set('name', options.name);
      if (options.dryRun) query.set('dryRun', '1');
      res = await fetch(`/api/v1/bundles/import?${query}`, { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: file, credentials: 'same-origin' });
    } else {
      if (file.size > 1024 * 1024) throw new ApiError(413, 'payload_too_large', `${file.name} is over 1 MiB: not a .colo.yaml bundle`);
      const body = { bundle: await file.text(), ...(options.name ? { name: options.name } : {}), ...(options.dryRun ? { dryRun: true } : {}) };
      res = await fetch('/api/v1/bundles/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(0, 'network', 'Colo could not be reached. Check your connection and try again.');
  }
  return answer<ImportVerdict>(res);
}
