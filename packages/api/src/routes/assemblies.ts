// Users' assemblies.
import { z } from 'zod';
import { positiveNumberText } from '../common';
import { defineOperation as op } from '../operation';
import {
  assembliesSchema,
  assemblyAnswerSchema,
  assemblyDeletedSchema,
  assemblyExportQuery,
  assemblyExportSchema,
  assemblyImportBody,
  assemblyImportedSchema,
  assemblySavedSchema,
  assemblySaveBody,
  assemblySharingBody,
  assemblyVersionSchema,
} from '../schemas/assemblies';

const assemblyParams = z.object({ id: z.string().describe('the assembly id') });
const assemblyVersionParams = assemblyParams.extend({ version: positiveNumberText.describe('the assembly version') });

export const assemblyOperations = [
  op({
    method: 'GET', path: '/api/v1/assemblies', operationId: 'listAssemblies', tag: 'Assemblies', auth: 'session-or-token',
    summary: 'The assemblies the caller may place: their own, shared with them, published',
    responses: { 200: { description: 'the assemblies', json: assembliesSchema } }, errors: [],
  }),
  op({
    method: 'POST', path: '/api/v1/assemblies', operationId: 'saveAssembly', tag: 'Assemblies', auth: 'session-or-token',
    summary: "Saves a new assembly (version 1) or the next version of the caller's own", body: assemblySaveBody,
    responses: { 201: { description: 'the id, the version and the stored definition (every class pinned)', json: assemblySavedSchema } },
    errors: ['invalid_manifest', 'name_taken', 'forbidden'],
  }),
  op({
    method: 'GET', path: '/api/v1/assemblies/{id}', operationId: 'getAssembly', tag: 'Assemblies', auth: 'session-or-token',
    summary: 'One assembly with its versions, sharing and the VDCs that place it', params: assemblyParams,
    responses: { 200: { description: 'the assembly', json: assemblyAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/assemblies/{id}', operationId: 'deleteAssembly', tag: 'Assemblies', auth: 'session-or-token',
    summary: 'Hides it from every catalog (owner only); VDCs that place a version of it keep working', params: assemblyParams,
    responses: { 200: { description: 'deleted', json: assemblyDeletedSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'PUT', path: '/api/v1/assemblies/{id}/sharing', operationId: 'setAssemblySharing', tag: 'Assemblies', auth: 'session-or-token',
    summary: 'Who may place it: private, shared with listed users, or published (owner only)', params: assemblyParams, body: assemblySharingBody,
    responses: { 200: { description: 'the assembly', json: assemblyAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/assemblies/{id}/versions/{version}', operationId: 'getAssemblyVersion', tag: 'Assemblies', auth: 'session-or-token',
    summary: "One version's definition (to open a box of an older version)", params: assemblyVersionParams,
    responses: { 200: { description: 'the definition', json: assemblyVersionSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/assemblies/{id}/bundle', operationId: 'exportAssembly', tag: 'Files', auth: 'session-or-token',
    summary: 'The assembly (newest or `version=N`, with the assemblies inside it) as a `.colo.yaml` attachment, or with `format=json` `{ bundle, text }`',
    params: assemblyParams, query: assemblyExportQuery,
    responses: { 200: { description: 'the bundle (text/yaml), or JSON with format=json', json: assemblyExportSchema, media: ['text/yaml'] } },
    errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/assemblies/import', operationId: 'importAssembly', tag: 'Files', auth: 'session-or-token',
    summary: "An assembly's `.colo.yaml`: the versions this Colo lacks become the caller's private assemblies", body: assemblyImportBody,
    responses: { 201: { description: 'what was added', json: assemblyImportedSchema } },
    errors: ['bad_request', 'payload_too_large'],
  }),
];
