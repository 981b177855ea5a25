// The OpenAPI document (from @colo/api's registry) and the route files on disk describe the same
// API: every exported handler under app/api is documented, and nothing documented is missing.
import { readFileSync } from 'node:fs';
import { buildOpenApiDocument } from '@colo/api';
import { describe, expect, it } from 'vitest';
import { exportedMethods, listAllRouteFiles } from '../../test/route-files';

/** `/api/v1/vdcs/[name]` → `/api/v1/vdcs/{name}`. */
const openApiPath = (pattern: string) => pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, '{$1}');

describe('the OpenAPI document and the route files', () => {
  it('have the same (method, path) pairs', () => {
    const onDisk = listAllRouteFiles().flatMap((f) => exportedMethods(readFileSync(f.file, 'utf8')).map((m) => `${m} ${openApiPath(f.pattern)}`));
    const documented = Object.entries(buildOpenApiDocument().paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(onDisk.length).toBeGreaterThan(40);
    const missing = onDisk.filter((r) => !documented.includes(r));
    const stale = documented.filter((r) => !onDisk.includes(r));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('reads the methods a route file exports', () => {
    expect(exportedMethods('export const GET = route(x);\nexport async function POST() {}\nconst PUT = 1;')).toEqual(['GET', 'POST']);
  });
});
