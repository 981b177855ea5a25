// The registry as an OpenAPI 3.1 document: zod's JSON Schema (draft 2020-12, the dialect
// OpenAPI 3.1 uses) for every parameter, body and answer. Pure: the web app serves it.
import { z } from 'zod';
import { type ApiErrorCode, ERROR_STATUS, errorBodySchema } from './common';
import { type ApiOperation, scopeOf } from './operation';
import { API_OPERATIONS, API_TAGS } from './registry';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, Record<string, JsonSchema>> };

export const SESSION_COOKIE_NAME = 'colo_session';

/** What the server sends and what a client must accept are the same: the schema's input side. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchemaOf(schema);
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

/** The codes an operation may answer with: its own, and the ones its shape implies. */
export function errorCodesOf(operation: ApiOperation): ApiErrorCode[] {
  const codes = new Set<ApiErrorCode>(operation.errors);
  if (operation.auth === 'session-or-token') {
    codes.add('unauthorized');
    codes.add('forbidden');
  }
  if (operation.body) {
    codes.add('bad_request');
    codes.add('payload_too_large');
  }
  if (operation.query || operation.params) codes.add('bad_request');
  return [...codes];
}

export function mediaTypes(media: string | readonly string[] | undefined): readonly string[] {
  return media === undefined ? [] : typeof media === 'string' ? [media] : media;
}

function requestBodyOf(operation: ApiOperation): JsonSchema | undefined {
  if (!operation.body) return undefined;
  const content: JsonSchema = { 'application/json': { schema: jsonSchemaOf(operation.body) } };
  for (const media of operation.bodyMedia ?? []) content[media] = { schema: { type: 'string', contentMediaType: media } };
  return { required: true, content };
}

function responsesOf(operation: ApiOperation): JsonSchema {
  const out: JsonSchema = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!response) continue;
    const content: JsonSchema = {};
    if (response.json) content['application/json'] = { schema: jsonSchemaOf(response.json) };
    for (const media of mediaTypes(response.media)) content[media] = { schema: { type: 'string', contentMediaType: media } };
    out[status] = { description: response.description, ...(Object.keys(content).length ? { content } : {}) };
  }
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of errorCodesOf(operation)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: `error: ${codes.join(', ')}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return out;
}

function operationObject(operation: ApiOperation): JsonSchema {
  const parameters = [...parametersOf(operation.params, 'path'), ...parametersOf(operation.query, 'query')];
  const scope =
    operation.auth === 'public'
      ? 'none: works signed out'
      : operation.auth === 'link'
        ? 'the one-use secret in the path alone (no token or session)'
        : `token scope \`${scopeOf(operation)}\` (a browser session has every right of its user)`;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: [operation.description, `Auth: ${scope}.`].filter(Boolean).join('\n\n'),
    tags: [operation.tag],
    security: operation.auth === 'session-or-token' ? [{ bearerToken: [] }, { sessionCookie: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body ? { requestBody: requestBodyOf(operation) } : {}),
    responses: responsesOf(operation),
  };
}

export interface OpenApiOptions {
  /** The server's version, shown in `info.version`. */
  version?: string;
  /** The base URL clients call (`https://colo.example`); unset: the document's own origin. */
  serverUrl?: string;
}

export function buildOpenApiDocument(options: OpenApiOptions = {}, operations: readonly ApiOperation[] = API_OPERATIONS): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = operationObject(operation);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Colo API',
      version: options.version ?? '1',
      description:
        'Every route takes a bearer token (`Authorization: Bearer colo_…`, made on the tokens page or with `colo token create`) or a signed-in browser session, except setup and sign-in, and a node bootstrap link, whose one-use secret is in its path.',
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    tags: API_TAGS.filter((t) => operations.some((o) => o.tag === t.name)),
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(errorBodySchema) },
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token: `colo_` and 40 characters.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE_NAME, description: 'A signed-in browser session.' },
      },
    },
  };
}
