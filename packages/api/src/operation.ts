// What one REST operation promises: where it lives, who may call it, what it reads (path,
// query, body) and what it answers per status. The registry (registry.ts) lists them all; the
// web routes parse with these schemas, the CLI reads answers with them, openapi.ts prints them.
import type { z } from 'zod';
import type { ApiErrorCode } from './common';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TokenScopeName = 'read' | 'deploy' | 'admin';

export interface ApiResponse {
  description: string;
  /** The JSON body. Absent with `media`: another content type; absent with neither: no body. */
  json?: z.ZodType;
  /** Non-JSON bodies: their content types (a YAML attachment, a tar archive, a Server-Sent Events stream). */
  media?: string | readonly string[];
}

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI style: `/api/v1/vdcs/{name}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * `public`: setup and sign-in only. `link`: the secret in the path is the only credential (a
   * node bootstrap link, fetched by a machine that has no Colo account). Everything else takes a
   * session cookie or a bearer token.
   */
  auth: 'session-or-token' | 'public' | 'link';
  /** The token scope needed; unless told, `read` for GET and `deploy` otherwise. */
  scope?: TokenScopeName;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Request bodies taken as they are besides JSON (an archive upload): their content types. */
  bodyMedia?: readonly string[];
  responses: Partial<Record<200 | 201 | 202 | 204, ApiResponse>>;
  /** The error codes this operation answers with beyond the ones every operation may. */
  errors: ApiErrorCode[];
}

/** Checks an entry's shape where it is written and keeps its literal types. */
export function defineOperation<const T extends ApiOperation>(operation: T): T {
  return operation;
}

export function scopeOf(operation: Pick<ApiOperation, 'method' | 'scope'>): TokenScopeName {
  return operation.scope ?? (operation.method === 'GET' ? 'read' : 'deploy');
}
