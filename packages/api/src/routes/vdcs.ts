// VDCs and their lifecycle, status and files.
import { defineOperation as op } from '../operation';
import { applianceParams, vdcParams } from '../params';
import { operationStartedSchema, operationsSchema } from '../schemas/operations';
import {
  applianceBody,
  applianceDetailSchema,
  applianceLogsQuery,
  applianceLogsSchema,
  bundleDataQuery,
  bundleExportQuery,
  bundleExportSchema,
  cloneBody,
  composeExportQuery,
  composeExportSchema,
  destroyBody,
  manifestBody,
  moveBody,
  planAnswerSchema,
  renameBody,
  revisionBody,
  revisionsSchema,
  statusSchema,
  updateBody,
  vdcAnswerSchema,
  vdcListSchema,
  vdcQuery,
  vdcRenamedSchema,
  vdcSavedSchema,
} from '../schemas/vdcs';

const started = (what: string) => ({ 202: { description: `${what}: the operation, queued`, json: operationStartedSchema } });
const LIFECYCLE_ERRORS = ['not_found', 'operation_running', 'rate_limited', 'no_space'] as const;

export const vdcOperations = [
  op({ method: 'GET', path: '/api/v1/vdcs', operationId: 'listVdcs', tag: 'VDCs', auth: 'session-or-token', summary: "The caller's VDCs with their state and last operation", responses: { 200: { description: 'the VDCs', json: vdcListSchema } }, errors: [] }),
  op({
    method: 'POST', path: '/api/v1/vdcs', operationId: 'createVdc', tag: 'VDCs', auth: 'session-or-token',
    summary: 'Creates a VDC from a manifest (not deployed): revision 1',
    body: manifestBody,
    responses: { 201: { description: 'the VDC, its first revision and the warnings', json: vdcSavedSchema } },
    errors: ['invalid_manifest', 'name_taken', 'rate_limited'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}', operationId: 'getVdc', tag: 'VDCs', auth: 'session-or-token',
    summary: 'The VDC with its newest revision, or revision N (`?revision=N`)',
    params: vdcParams, query: vdcQuery,
    responses: { 200: { description: 'the VDC and the revision with its manifest', json: vdcAnswerSchema } },
    errors: ['not_found'],
  }),
  op({
    method: 'PUT', path: '/api/v1/vdcs/{name}', operationId: 'updateVdc', tag: 'VDCs', auth: 'session-or-token',
    summary: 'Saves a new revision of the manifest, based on `baseRevision` (a stale base is 409); with `draft` even one with problems (listed in `problems`; not deployable until fixed)',
    params: vdcParams, body: updateBody,
    responses: { 200: { description: 'the VDC and its newest revision; `changed` false when the manifest was the same', json: vdcSavedSchema } },
    errors: ['not_found', 'invalid_manifest', 'stale_revision'],
  }),
  op({
    method: 'PATCH', path: '/api/v1/vdcs/{name}', operationId: 'renameVdc', tag: 'VDCs', auth: 'session-or-token',
    summary: 'Renames the VDC (Docker objects keep its key, nothing running changes)',
    params: vdcParams, body: renameBody,
    responses: { 200: { description: 'the renamed VDC', json: vdcRenamedSchema } },
    errors: ['not_found', 'name_taken', 'operation_running'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/vdcs/{name}', operationId: 'deleteVdc', tag: 'VDCs', auth: 'session-or-token',
    summary: 'Deletes a destroyed (or never deployed) VDC and its history',
    params: vdcParams,
    responses: { 204: { description: 'deleted' } },
    errors: ['not_found', 'not_destroyed', 'operation_running'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/revisions', operationId: 'listRevisions', tag: 'VDCs', auth: 'session-or-token',
    summary: "The VDC's revisions, newest first", params: vdcParams,
    responses: { 200: { description: 'the revisions', json: revisionsSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/operations', operationId: 'listVdcOperations', tag: 'Operations', auth: 'session-or-token',
    summary: "The VDC's operations, newest first", params: vdcParams,
    responses: { 200: { description: 'the operations', json: operationsSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/vdcs/{name}/plan', operationId: 'planVdc', tag: 'VDCs', auth: 'session-or-token',
    summary: 'What a deploy of the newest revision (or `revision`) would change in Docker', params: vdcParams, body: revisionBody,
    responses: { 200: { description: 'the plan and its text', json: planAnswerSchema } }, errors: ['not_found', 'docker_unavailable'],
  }),
  op({ method: 'POST', path: '/api/v1/vdcs/{name}/deploy', operationId: 'deployVdc', tag: 'Lifecycle', auth: 'session-or-token', summary: 'Deploys the newest revision (or `revision`)', params: vdcParams, body: revisionBody, responses: started('deploy'), errors: [...LIFECYCLE_ERRORS] }),
  op({ method: 'POST', path: '/api/v1/vdcs/{name}/stop', operationId: 'stopVdc', tag: 'Lifecycle', auth: 'session-or-token', summary: 'Stops the VDC, or one `appliance`', params: vdcParams, body: applianceBody, responses: started('stop'), errors: [...LIFECYCLE_ERRORS] }),
  op({ method: 'POST', path: '/api/v1/vdcs/{name}/start', operationId: 'startVdc', tag: 'Lifecycle', auth: 'session-or-token', summary: 'Starts the VDC, or one `appliance`', params: vdcParams, body: applianceBody, responses: started('start'), errors: [...LIFECYCLE_ERRORS] }),
  op({ method: 'POST', path: '/api/v1/vdcs/{name}/destroy', operationId: 'destroyVdc', tag: 'Lifecycle', auth: 'session-or-token', summary: 'Removes the containers and networks; `purge` also the volumes', params: vdcParams, body: destroyBody, responses: started('destroy'), errors: [...LIFECYCLE_ERRORS] }),
  op({ method: 'POST', path: '/api/v1/vdcs/{name}/clone', operationId: 'cloneVdc', tag: 'Lifecycle', auth: 'session-or-token', summary: 'Clones the VDC (live, or from `snapshot`) into a new VDC `name`', params: vdcParams, body: cloneBody, responses: started('clone'), errors: [...LIFECYCLE_ERRORS, 'name_taken'] }),
  op({
    method: 'POST', path: '/api/v1/vdcs/{name}/move', operationId: 'moveAppliance', tag: 'Lifecycle', auth: 'session-or-token',
    summary: 'Moves a stateful appliance of a swarm VDC (with what must run beside it), or without `appliance` the whole VDC, onto another node, or restores it from a snapshot onto another node when its node is lost',
    description: 'Without `appliance` every appliance that keeps data on a node goes to the target node in one operation, each copied live from its node, or restored from the newest snapshot when its node is lost. Without `node` Colo picks the ready, active node with the least load; without `snapshot` the data is copied live from its node while that node answers, else restored from the newest ready snapshot. The source stays until the moved appliances are healthy.',
    params: vdcParams, body: moveBody, responses: started('move'), errors: [...LIFECYCLE_ERRORS],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/status', operationId: 'vdcStatus', tag: 'Status', auth: 'session-or-token',
    summary: 'What runs: appliances, replicas, containers, health, ports, edge listeners', params: vdcParams,
    responses: { 200: { description: 'the status', json: statusSchema } }, errors: ['not_found', 'docker_unavailable'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/events', operationId: 'vdcEvents', tag: 'Status', auth: 'session-or-token',
    summary: "The VDC's status and operations as Server-Sent Events, until the caller leaves (counted against the live-stream limit)", params: vdcParams,
    responses: { 200: { description: 'an event stream', media: 'text/event-stream' } }, errors: ['not_found', 'rate_limited'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/appliances/{appliance}', operationId: 'applianceDetail', tag: 'Status', auth: 'session-or-token',
    summary: "One appliance's containers with image, restarts, exit code and last health output", params: applianceParams,
    responses: { 200: { description: 'the appliance', json: applianceDetailSchema } }, errors: ['not_found', 'docker_unavailable'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/appliances/{appliance}/logs', operationId: 'applianceLogs', tag: 'Status', auth: 'session-or-token',
    summary: "The appliance's container logs (`tail` lines), or with `follow=1` a live stream", params: applianceParams, query: applianceLogsQuery,
    responses: { 200: { description: 'the log lines (JSON), or with follow=1 Server-Sent Events', json: applianceLogsSchema } },
    errors: ['not_found', 'docker_unavailable', 'rate_limited'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/compose', operationId: 'exportCompose', tag: 'Files', auth: 'session-or-token',
    summary: 'The VDC as a docker-compose.yml attachment, or with `format=json` `{ text, env, report }`', params: vdcParams, query: composeExportQuery,
    responses: { 200: { description: 'the compose file (text/yaml), or JSON with format=json', json: composeExportSchema, media: 'text/yaml' } },
    errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/bundle', operationId: 'exportBundle', tag: 'Files', auth: 'session-or-token',
    summary: 'The VDC as a `.colo.yaml` bundle attachment, with `format=json` `{ bundle, text }`, or with `withData=1` the `.colo.tar` with a snapshot\'s data',
    description: 'The archive streams with its Content-Length known up front and names its snapshot in `X-Colo-Snapshot` (the newest unless `snapshot=N`).',
    params: vdcParams, query: bundleExportQuery.extend(bundleDataQuery.shape),
    responses: { 200: { description: 'the bundle (text/yaml), JSON with format=json, or the archive (application/x-tar) with withData=1', json: bundleExportSchema, media: ['text/yaml', 'application/x-tar'] } },
    errors: ['not_found'],
  }),
];

