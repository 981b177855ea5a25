// The API describing itself.
import { z } from 'zod';
import { defineOperation as op } from '../operation';

export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export const metaOperations = [
  op({
    method: 'GET', path: '/api/openapi.json', operationId: 'openApiDocument', tag: 'Meta', auth: 'session-or-token',
    summary: 'This API as an OpenAPI 3.1 document',
    responses: { 200: { description: 'the OpenAPI document', json: openApiDocumentSchema } }, errors: [],
  }),
];
