// The REST API as its route files define it, for the tests that must cover every route: found by
// walking app/api/v1 for route.ts files and reading what each exports, never by a hand-kept list,
// so a route added tomorrow is in the auth and fuzz tables the moment its file exists.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { TokenScope } from '@colo/control';
import { type RouteAccess, scopeFor } from '../lib/http';

export const API_ROOT = path.resolve(__dirname, '../app/api/v1');
/** Every route under /api: the v1 routes and the API's own document (`/api/openapi.json`). */
export const APP_API_ROOT = path.resolve(__dirname, '../app/api');
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface RouteFile {
  /** Absolute path of the route.ts. */
  file: string;
  /** The URL path under /api/v1 with its dynamic segments: `/vdcs/[name]/deploy`. */
  pattern: string;
  /** Names of the dynamic segments, in order: `['name']`. */
  params: string[];
}

export function listRouteFiles(root = API_ROOT): RouteFile[] {
  const out: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const rel = path.relative(root, dir).split(path.sep).filter(Boolean);
        // Route groups `(x)` do not appear in the URL.
        const segments = rel.filter((s) => !/^\(.*\)$/.test(s));
        out.push({
          file: full,
          pattern: `/${segments.join('/')}`,
          params: segments.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1).replace(/^\.\.\./, '')),
        });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Every route file under /api, each pattern the full URL path: `/api/v1/vdcs/[name]`, `/api/openapi.json`. */
export function listAllRouteFiles(): RouteFile[] {
  return listRouteFiles(APP_API_ROOT).map((f) => ({ ...f, pattern: `/api${f.pattern}` }));
}

/** The methods a route file exports, read from its text (no import: nothing of the app loads). */
export function exportedMethods(source: string): string[] {
  return HTTP_METHODS.filter((m) => new RegExp(`export\\s+(?:const|(?:async\\s+)?function)\\s+${m}\\b`).test(source));
}

/** `/vdcs/[name]/deploy` with `{ name: 'shop' }` → `/vdcs/shop/deploy` (values URL-encoded). */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}

export type RouteFn = ((req: Request, ctx: { params: Promise<never> }) => Promise<Response>) & {
  access?: RouteAccess;
};

export interface ApiRoute extends RouteFile {
  method: (typeof HTTP_METHODS)[number];
  handler: RouteFn;
}

/** Every (method, route) the API answers, imported from the route files. */
export async function loadApiRoutes(files: RouteFile[] = listRouteFiles()): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  for (const file of files) {
    const mod = (await import(file.file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === 'function') routes.push({ ...file, method, handler: mod[method] as RouteFn });
    }
  }
  return routes;
}

/** The scope a token needs for this route, by the same rule route() applies. */
export function neededScope(route: ApiRoute): TokenScope {
  return scopeFor(route.method, { scope: route.handler.access?.scope });
}
