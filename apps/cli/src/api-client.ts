// The HTTP client of Colo's REST API (`/api/v1`, docs/contracts.md). It turns every way a call
// can fail — server down, token rejected, error body, unexpected answer — into one CliError.
import type { z } from 'zod';
import {
  auditPageSchema,
  bundleDryRunSchema,
  bundleExportSchema,
  bundleImportedSchema,
  composeDryRunSchema,
  composeExportSchema,
  composeImportedSchema,
  catalogSchema,
  errorBodySchema,
  meSchema,
  operationAnswerSchema,
  operationStartedSchema,
  snapshotsSchema,
  scheduleAnswerSchema,
  schedulesSchema,
  entriesSchema,
  revisionsSchema,
  entryAnswerSchema,
  entryStartedSchema,
  operationsSchema,
  planAnswerSchema,
  statusSchema,
  userQuotaSchema,
  validationSchema,
  vdcAnswerSchema,
  vdcListSchema,
  vdcSavedSchema,
} from '@colo/api';
import { resolveConfig } from './config';
import type { CliContext } from './context';
import { ApiError, CliError } from './errors';

type Transport = Pick<CliContext, 'fetch' | 'requestTimeoutMs'>;
type Query = Record<string, string | number | undefined>;

export const TOKEN_REJECTED = 'token rejected: run colo login again';

export class ColoClient {
  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly transport: Transport,
  ) {}

  me() {
    return this.call('GET', '/me', meSchema);
  }
  userQuota(user: string) {
    return this.call('GET', `/users/${seg(user)}/quota`, userQuotaSchema);
  }
  setUserQuota(user: string, quota: Record<string, number | string | null>) {
    return this.call('PUT', `/users/${seg(user)}/quota`, userQuotaSchema, { body: quota });
  }
  catalog() {
    return this.call('GET', '/catalog', catalogSchema);
  }
  /** `team`: the slug of the team a new VDC would go to (its quota and names count). */
  validate(manifest: string, team?: string) {
    return this.call('POST', '/validate', validationSchema, { body: { manifest, team } });
  }
  plan(manifest: string) {
    return this.call('POST', '/plan', planAnswerSchema, { body: { manifest } });
  }
  importCompose(name: string, compose: string) {
    return this.call('POST', '/compose/import', composeImportedSchema, { body: { name, compose } });
  }
  importComposeDryRun(name: string, compose: string) {
    return this.call('POST', '/compose/import', composeDryRunSchema, { body: { name, compose, dryRun: true } });
  }
  exportCompose(name: string, options: { revision?: number; withSecrets?: boolean } = {}) {
    const query = { format: 'json', revision: options.revision, secrets: options.withSecrets ? '1' : undefined };
    return this.call('GET', `/vdcs/${seg(name)}/compose`, composeExportSchema, { query });
  }
  importBundle(bundle: string, options: { name?: string } = {}) {
    return this.call('POST', '/bundles/import', bundleImportedSchema, { body: { bundle, name: options.name } });
  }
  importBundleDryRun(bundle: string, options: { name?: string } = {}) {
    return this.call('POST', '/bundles/import', bundleDryRunSchema, { body: { bundle, name: options.name, dryRun: true } });
  }
  exportBundle(name: string, options: { revision?: number } = {}) {
    return this.call('GET', `/vdcs/${seg(name)}/bundle`, bundleExportSchema, { query: { format: 'json', revision: options.revision } });
  }
  listVdcs() {
    return this.call('GET', '/vdcs', vdcListSchema);
  }
  /** `team`: the slug of the team to own it; the caller's personal team unless told. */
  createVdc(manifest: string, team?: string) {
    return this.call('POST', '/vdcs', vdcSavedSchema, { body: { manifest, team } });
  }
  getVdc(name: string, revision?: number) {
    return this.call('GET', `/vdcs/${seg(name)}`, vdcAnswerSchema, { query: { revision } });
  }
  updateVdc(name: string, manifest: string, baseRevision: number) {
    return this.call('PUT', `/vdcs/${seg(name)}`, vdcSavedSchema, { body: { manifest, baseRevision } });
  }
  /** The newest revision, or `revision` (a retry's, a roll back's). */
  deploy(name: string, revision?: number) {
    return this.call('POST', `/vdcs/${seg(name)}/deploy`, operationStartedSchema, { body: revision === undefined ? {} : { revision } });
  }
  stop(name: string, appliance?: string) {
    return this.call('POST', `/vdcs/${seg(name)}/stop`, operationStartedSchema, { body: appliance ? { appliance } : {} });
  }
  start(name: string, appliance?: string) {
    return this.call('POST', `/vdcs/${seg(name)}/start`, operationStartedSchema, { body: appliance ? { appliance } : {} });
  }
  destroy(name: string, purge: boolean) {
    return this.call('POST', `/vdcs/${seg(name)}/destroy`, operationStartedSchema, { body: { purge } });
  }
  snapshot(name: string, note?: string) {
    return this.call('POST', `/vdcs/${seg(name)}/snapshots`, operationStartedSchema, { body: note === undefined ? {} : { note } });
  }
  entries() {
    return this.call('GET', '/entries', entriesSchema);
  }
  entry(name: string) {
    return this.call('GET', `/entries/${seg(name)}`, entryAnswerSchema);
  }
  createEntry(body: { name: string; port: number; vdc: string; target?: string; wake?: boolean }) {
    return this.call('POST', '/entries', entryStartedSchema, { body });
  }
  switchEntry(name: string, body: { vdc: string; target?: string; wake?: boolean }) {
    return this.call('POST', `/entries/${seg(name)}/switch`, entryStartedSchema, { body });
  }
  deleteEntry(name: string) {
    return this.call('DELETE', `/entries/${seg(name)}`, entryStartedSchema);
  }
  schedules(name: string) {
    return this.call('GET', `/vdcs/${seg(name)}/schedules`, schedulesSchema);
  }
  createSchedule(name: string, body: { kind: string; cron: string; keep?: number; enabled?: boolean }) {
    return this.call('POST', `/vdcs/${seg(name)}/schedules`, scheduleAnswerSchema, { body });
  }
  updateSchedule(name: string, id: string, body: { cron?: string; keep?: number; enabled?: boolean }) {
    return this.call('PATCH', `/vdcs/${seg(name)}/schedules/${seg(id)}`, scheduleAnswerSchema, { body });
  }
  deleteSchedule(name: string, id: string) {
    return this.call('DELETE', `/vdcs/${seg(name)}/schedules/${seg(id)}`, scheduleAnswerSchema);
  }
  snapshots(name: string) {
    return this.call('GET', `/vdcs/${seg(name)}/snapshots`, snapshotsSchema);
  }
  deleteSnapshot(name: string, number: number) {
    return this.call('DELETE', `/vdcs/${seg(name)}/snapshots/${number}`, operationStartedSchema);
  }
  restore(name: string, number: number) {
    return this.call('POST', `/vdcs/${seg(name)}/snapshots/${number}/restore`, operationStartedSchema, { body: {} });
  }
  clone(name: string, body: { name: string; snapshot?: number; ports?: Record<string, number> }) {
    return this.call('POST', `/vdcs/${seg(name)}/clone`, operationStartedSchema, { body });
  }
  move(name: string, body: { appliance?: string; node?: string; snapshot?: number }) {
    return this.call('POST', `/vdcs/${seg(name)}/move`, operationStartedSchema, { body });
  }
  revisions(name: string) {
    return this.call('GET', `/vdcs/${seg(name)}/revisions`, revisionsSchema);
  }
  status(name: string) {
    return this.call('GET', `/vdcs/${seg(name)}/status`, statusSchema);
  }
  /** One page of the audit log (filters as `colo audit` takes them). */
  audit(query: Query) {
    return this.call('GET', '/audit', auditPageSchema, { query });
  }
  /** The whole filtered audit log as a CSV or JSON file (the response, to stream). */
  auditExport(query: Query, format: 'csv' | 'json') {
    return this.transfer('GET', '/audit/export', { query: { ...query, format } });
  }
  operations(name: string) {
    return this.call('GET', `/vdcs/${seg(name)}/operations`, operationsSchema);
  }
  operation(id: string, logsAfter?: number) {
    return this.call('GET', `/operations/${seg(id)}`, operationAnswerSchema, { query: { logsAfter } });
  }

  /**
   * A request whose body or answer is a file, not JSON (a `.colo.tar`): no request timeout, as a
   * transfer takes as long as its size; errors read as any other call's. Returns the response.
   */
  async transfer(method: string, path: string, options: { query?: Query; body?: ReadableStream<Uint8Array>; contentType?: string; length?: number } = {}): Promise<Response> {
    const endpoint = new URL(`${this.url}/api/v1${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) endpoint.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (options.contentType) headers['content-type'] = options.contentType;
    if (options.length !== undefined) headers['content-length'] = String(options.length);
    let response: Response;
    try {
      response = await this.transport.fetch(endpoint, { method, headers, body: options.body, ...(options.body ? { duplex: 'half' } : {}) } as RequestInit);
    } catch (error) {
      throw this.unreachable(error);
    }
    if (response.ok) return response;
    const raw = await response.text().catch(() => '');
    if (response.status === 401) throw new ApiError(401, 'unauthorized', tokenRejected(raw));
    throw errorFromBody(response, raw, `${method} /api/v1${path}`);
  }

  async call<S extends z.ZodType>(method: string, path: string, schema: S, options: { body?: unknown; query?: Query } = {}): Promise<z.infer<S>> {
    const endpoint = new URL(`${this.url}/api/v1${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) endpoint.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await this.transport.fetch(endpoint, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.transport.requestTimeoutMs),
      });
    } catch (error) {
      throw this.unreachable(error);
    }

    const raw = await response.text().catch(() => '');
    if (response.status === 401) throw new ApiError(401, 'unauthorized', tokenRejected(raw));
    if (!response.ok) throw errorFromBody(response, raw, `${method} /api/v1${path}`);
    let data: unknown;
    try {
      data = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      throw new CliError(`unexpected answer from ${method} /api/v1${path}: not JSON (is ${this.url} a Colo server?)`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? first.path.join('.') : 'answer';
      throw new CliError(`unexpected answer from ${method} /api/v1${path}: ${where}: ${first?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  private unreachable(error: unknown): CliError {
    const err = error as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
    if (err?.name === 'TimeoutError') {
      const ms = this.transport.requestTimeoutMs;
      return new CliError(`Colo at ${this.url} did not answer within ${ms % 1000 ? `${ms}ms` : `${ms / 1000}s`}`);
    }
    // Node reports a refused connection on the cause, or on each address tried for a host name.
    const codes = [err?.cause?.code, ...(err?.cause?.errors ?? []).map((e) => e.code)];
    if (codes.includes('ECONNREFUSED')) {
      return new CliError(`cannot reach Colo at ${this.url}: is it running? (bash scripts/up.sh)`);
    }
    if (codes.includes('ENOTFOUND')) return new CliError(`cannot reach Colo at ${this.url}: unknown host`);
    const reason = err?.cause?.message || err?.cause?.code || err?.message || String(error);
    return new CliError(`cannot reach Colo at ${this.url}: ${reason}`);
  }
}

/** An expired token says so (the server names when); any other rejection gets the usual hint. */
function tokenRejected(raw: string): string {
  try {
    const message = (JSON.parse(raw) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string' && /expired/.test(message)) return `token rejected: ${message}; then run colo login again`;
  } catch {
    // not JSON: the usual hint
  }
  return TOKEN_REJECTED;
}

function errorFromBody(response: Response, raw: string, request: string): ApiError {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    data = undefined;
  }
  const parsed = errorBodySchema.safeParse(data);
  if (!parsed.success) {
    const statusText = response.statusText ? ` ${response.statusText}` : '';
    return new ApiError(response.status, `http_${response.status}`, `Colo answered ${response.status}${statusText} to ${request}`);
  }
  const { code, message, issues } = parsed.data.error;
  return new ApiError(response.status, code, message, issues ?? [], data);
}

/**
 * One path segment. `@` stays as typed: it is legal in a path (RFC 3986 pchar), and a VDC named
 * `shop@acme` then reaches the server as `/vdcs/shop@acme`, readable in its logs and audit.
 */
export function seg(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@');
}

/** A client for the configured server (env over config file), or "not logged in". */
export async function connect(ctx: CliContext): Promise<ColoClient> {
  const config = await resolveConfig(ctx.env);
  return new ColoClient(config.url, config.token, ctx);
}
