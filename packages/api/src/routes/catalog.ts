// The catalog, manifests judged without a VDC, imports, classes (class patch) and terminals.
import { defineOperation as op } from '../operation';
import { classParams, classVersionParams, terminalParams } from '../params';
import {
  catalogSchema,
  classCommitBody,
  classCommittedSchema,
  classListSchema,
  classRolledBackSchema,
  classRollbackBody,
  classVersionDeletedSchema,
  classViewSchema,
  prototypeDiscardedSchema,
  prototypeOpenBody,
  prototypeRunBody,
  prototypeRunSchema,
  prototypeSchema,
  terminalClosedSchema,
  terminalInputBody,
  terminalOpenedSchema,
  terminalResizedSchema,
  terminalSizeBody,
  terminalWrittenSchema,
} from '../schemas/classes';
import {
  bundleArchiveQuery,
  bundleDryRunSchema,
  bundleImportBody,
  bundleImportedSchema,
  composeDryRunSchema,
  composeImportBody,
  composeImportedSchema,
  manifestBody,
  planAnswerSchema,
  portsAnswerSchema,
  portsQuery,
  validationSchema,
} from '../schemas/vdcs';

const WORKER = ['not_found', 'worker_unavailable', 'docker_error'] as const;

export const catalogOperations = [
  op({
    method: 'GET', path: '/api/v1/catalog', operationId: 'catalog', tag: 'Catalog', auth: 'session-or-token',
    summary: 'Every appliance class (each version) with its terminals, the heads, and the assemblies',
    responses: { 200: { description: 'the catalog', json: catalogSchema } }, errors: ['catalog_invalid'],
  }),
  op({
    method: 'POST', path: '/api/v1/validate', operationId: 'validateManifest', tag: 'Catalog', auth: 'session-or-token',
    summary: 'Judges a manifest (200 even when it is invalid: the answer is the verdict)', body: manifestBody,
    responses: { 200: { description: 'the verdict', json: validationSchema } }, errors: [],
  }),
  op({
    method: 'GET', path: '/api/v1/ports', operationId: 'hostPorts', tag: 'Catalog', auth: 'session-or-token',
    summary: 'Host ports a new VDC of a team cannot publish (held by VDCs, entries, Colo), and for each `near` port whether it is free, why not, and the next free one',
    query: portsQuery,
    responses: { 200: { description: 'taken ports and the near ports checked', json: portsAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/plan', operationId: 'planManifest', tag: 'Catalog', auth: 'session-or-token',
    summary: 'What deploying this manifest would change in Docker (for a VDC of that name, or a new one)', body: manifestBody,
    responses: { 200: { description: 'the plan and its text', json: planAnswerSchema } }, errors: ['invalid_manifest', 'docker_unavailable'],
  }),
  op({
    method: 'POST', path: '/api/v1/compose/import', operationId: 'importCompose', tag: 'Files', auth: 'session-or-token',
    summary: 'A docker-compose.yml → a VDC (not deployed), or with `dryRun` the manifest it would be', body: composeImportBody,
    responses: {
      200: { description: 'dry run: the manifest, the report, errors and warnings', json: composeDryRunSchema },
      201: { description: 'the VDC, its revision and the report', json: composeImportedSchema },
    },
    errors: ['invalid_manifest', 'name_taken'],
  }),
  op({
    method: 'POST', path: '/api/v1/bundles/import', operationId: 'importBundle', tag: 'Files', auth: 'session-or-token',
    summary: 'A `.colo.yaml` bundle → a VDC (not deployed), or with `dryRun` the manifest it would be; a `.colo.tar` as the body → a VDC with its volumes filled',
    description: 'JSON `{ bundle, name?, dryRun? }`, or the `.colo.tar` itself (Content-Type application/x-tar, at most 4 GiB) with `name` and `dryRun` in the query.',
    body: bundleImportBody, bodyMedia: ['application/x-tar'], query: bundleArchiveQuery,
    responses: {
      200: { description: 'dry run: the manifest, the report, errors and warnings', json: bundleDryRunSchema },
      201: { description: 'the VDC, its revision and the report', json: bundleImportedSchema },
    },
    errors: ['invalid_manifest', 'name_taken'],
  }),
  op({
    method: 'GET', path: '/api/v1/classes', operationId: 'listClasses', tag: 'Classes', auth: 'session-or-token',
    summary: 'Every class with its versions and its head (the one followers use)',
    responses: { 200: { description: 'the classes', json: classListSchema } }, errors: [],
  }),
  op({
    method: 'GET', path: '/api/v1/classes/{id}', operationId: 'getClass', tag: 'Classes', auth: 'session-or-token',
    summary: "A class's versions (stock and committed), who uses each, and its open prototype", params: classParams,
    responses: { 200: { description: 'the class', json: classViewSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/classes/{id}/prototype', operationId: 'openPrototype', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: "Admins only: opens the class's prototype (the head and online unless told)", params: classParams, body: prototypeOpenBody,
    description: 'The body is checked after the caller is known to be an admin.',
    responses: { 200: { description: 'the prototype', json: prototypeSchema } }, errors: [...WORKER],
  }),
  op({
    method: 'DELETE', path: '/api/v1/classes/{id}/prototype', operationId: 'discardPrototype', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: throws the prototype and its changes away', params: classParams,
    responses: { 200: { description: 'discarded', json: prototypeDiscardedSchema } }, errors: [...WORKER],
  }),
  op({
    method: 'POST', path: '/api/v1/classes/{id}/prototype/run', operationId: 'runInPrototype', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: runs `script` in the open prototype as root', params: classParams, body: prototypeRunBody,
    responses: { 200: { description: 'its exit status and output', json: prototypeRunSchema } }, errors: [...WORKER],
  }),
  op({
    method: 'POST', path: '/api/v1/classes/{id}/prototype/terminal', operationId: 'openPrototypeTerminal', tag: 'Terminals', auth: 'session-or-token', scope: 'admin',
    summary: "Admins only: opens a root shell in the class's open prototype", params: classParams, body: terminalSizeBody,
    responses: { 201: { description: 'the terminal', json: terminalOpenedSchema } }, errors: [...WORKER, 'rate_limited'],
  }),
  op({
    method: 'POST', path: '/api/v1/classes/{id}/versions', operationId: 'commitClassVersion', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: commits the open prototype as the next version and (unless told) rolls it out', params: classParams, body: classCommitBody,
    responses: { 201: { description: 'the version and the deploys that move followers onto it', json: classCommittedSchema } }, errors: [...WORKER],
  }),
  op({
    method: 'DELETE', path: '/api/v1/classes/{id}/versions/{version}', operationId: 'deleteClassVersion', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: deletes a committed version nothing uses, with its image', params: classVersionParams,
    responses: { 200: { description: 'deleted', json: classVersionDeletedSchema } }, errors: [...WORKER],
  }),
  op({
    method: 'POST', path: '/api/v1/classes/{id}/rollback', operationId: 'rollbackClass', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: makes an earlier version the head and moves followers back onto it', params: classParams, body: classRollbackBody,
    responses: { 202: { description: 'the head and the deploys', json: classRolledBackSchema } }, errors: [...WORKER],
  }),
  op({
    method: 'GET', path: '/api/v1/terminals/{id}', operationId: 'terminalOutput', tag: 'Terminals', auth: 'session-or-token',
    summary: "The terminal's output as Server-Sent Events (`ready`, `output` base64, `closed`, `detached`); one reader at a time", params: terminalParams,
    responses: { 200: { description: 'an event stream', media: 'text/event-stream' } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/terminals/{id}', operationId: 'closeTerminal', tag: 'Terminals', auth: 'session-or-token',
    summary: 'Hangs the shell up', params: terminalParams,
    responses: { 200: { description: 'closed', json: terminalClosedSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/terminals/{id}/input', operationId: 'terminalInput', tag: 'Terminals', auth: 'session-or-token',
    summary: 'Types `data` into the terminal', params: terminalParams, body: terminalInputBody,
    responses: { 200: { description: 'how many bytes went in', json: terminalWrittenSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/terminals/{id}/resize', operationId: 'terminalResize', tag: 'Terminals', auth: 'session-or-token',
    summary: "The terminal's new size, as the shell's programs see it", params: terminalParams, body: terminalSizeBody,
    responses: { 200: { description: 'the new size', json: terminalResizedSchema } }, errors: ['not_found'],
  }),
];
