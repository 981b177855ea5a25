// Operations, snapshots, schedules and entries.
import { defineOperation as op } from '../operation';
import { entryParams, operationParams, scheduleParams, snapshotParams, vdcParams } from '../params';
import {
  entriesSchema,
  entryAnswerSchema,
  entryCreateBody,
  entryStartedSchema,
  entrySwitchBody,
  operationAnswerSchema,
  operationQuery,
  operationStartedSchema,
  scheduleAnswerSchema,
  scheduleCreateBody,
  schedulesSchema,
  scheduleUpdateBody,
  snapshotAnswerSchema,
  snapshotBody,
  snapshotsSchema,
} from '../schemas/operations';

export const dataOperations = [
  op({
    method: 'GET', path: '/api/v1/operations/{id}', operationId: 'getOperation', tag: 'Operations', auth: 'session-or-token',
    summary: 'An operation with its steps, progress and log lines (after `logsAfter`)', params: operationParams, query: operationQuery,
    responses: { 200: { description: 'the operation and its new log lines', json: operationAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/snapshots', operationId: 'listSnapshots', tag: 'Snapshots', auth: 'session-or-token',
    summary: "The VDC's snapshots", params: vdcParams,
    responses: { 200: { description: 'the snapshots', json: snapshotsSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/vdcs/{name}/snapshots', operationId: 'takeSnapshot', tag: 'Snapshots', auth: 'session-or-token',
    summary: "Takes a snapshot of the VDC's volumes and revision (its number is in the operation's result once done)", params: vdcParams, body: snapshotBody,
    responses: { 202: { description: 'the operation, queued', json: operationStartedSchema } }, errors: ['not_found', 'operation_running', 'no_space'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/snapshots/{number}', operationId: 'getSnapshot', tag: 'Snapshots', auth: 'session-or-token',
    summary: 'One snapshot with its volumes and sizes', params: snapshotParams,
    responses: { 200: { description: 'the snapshot', json: snapshotAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/vdcs/{name}/snapshots/{number}', operationId: 'deleteSnapshot', tag: 'Snapshots', auth: 'session-or-token',
    summary: 'Deletes the snapshot and its volumes', params: snapshotParams,
    responses: { 202: { description: 'the operation, queued', json: operationStartedSchema } }, errors: ['not_found', 'operation_running'],
  }),
  op({
    method: 'POST', path: '/api/v1/vdcs/{name}/snapshots/{number}/restore', operationId: 'restoreSnapshot', tag: 'Snapshots', auth: 'session-or-token',
    summary: 'Puts the VDC back to the snapshot (data and revision), after a safety snapshot', params: snapshotParams,
    responses: { 202: { description: 'the operation, queued', json: operationStartedSchema } }, errors: ['not_found', 'operation_running', 'no_space'],
  }),
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/schedules', operationId: 'listSchedules', tag: 'Schedules', auth: 'session-or-token',
    summary: "The VDC's schedules (cron in UTC), each with its next run and its last", params: vdcParams,
    responses: { 200: { description: 'the schedules', json: schedulesSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/vdcs/{name}/schedules', operationId: 'createSchedule', tag: 'Schedules', auth: 'session-or-token',
    summary: 'Adds a schedule: a snapshot (with `keep`), a stop or a start on a cron timetable', description: 'The body is checked after ownership: a VDC of someone else is 404 whatever the body.',
    params: vdcParams, body: scheduleCreateBody,
    responses: { 201: { description: 'the schedule', json: scheduleAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'PATCH', path: '/api/v1/vdcs/{name}/schedules/{id}', operationId: 'updateSchedule', tag: 'Schedules', auth: 'session-or-token',
    summary: "Changes a schedule's `cron`, `keep` or `enabled`; the next run is computed anew", params: scheduleParams, body: scheduleUpdateBody,
    responses: { 200: { description: 'the schedule', json: scheduleAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/vdcs/{name}/schedules/{id}', operationId: 'deleteSchedule', tag: 'Schedules', auth: 'session-or-token',
    summary: 'Removes the schedule; the snapshots it took stay', params: scheduleParams,
    responses: { 200: { description: 'the schedule removed', json: scheduleAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/entries', operationId: 'listEntries', tag: 'Entries', auth: 'session-or-token',
    summary: "The caller's entries: stable host ports that point at a VDC's terminal",
    responses: { 200: { description: 'the entries', json: entriesSchema } }, errors: [],
  }),
  op({
    method: 'POST', path: '/api/v1/entries', operationId: 'createEntry', tag: 'Entries', auth: 'session-or-token',
    summary: 'Creates an entry on a host port pointing at a running VDC', body: entryCreateBody,
    responses: { 202: { description: 'the entry and its operation', json: entryStartedSchema } }, errors: ['not_found', 'name_taken', 'operation_running'],
  }),
  op({
    method: 'GET', path: '/api/v1/entries/{name}', operationId: 'getEntry', tag: 'Entries', auth: 'session-or-token',
    summary: 'One entry', params: entryParams,
    responses: { 200: { description: 'the entry', json: entryAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/entries/{name}', operationId: 'deleteEntry', tag: 'Entries', auth: 'session-or-token',
    summary: "Removes the entry's listener and frees its port (an operation of the VDC it points at)", params: entryParams,
    responses: { 202: { description: 'the entry and its operation', json: entryStartedSchema } }, errors: ['not_found', 'operation_running'],
  }),
  op({
    method: 'POST', path: '/api/v1/entries/{name}/switch', operationId: 'switchEntry', tag: 'Entries', auth: 'session-or-token',
    summary: 'Points the entry at another VDC (an operation of that VDC)', description: 'The body is checked after ownership.',
    params: entryParams, body: entrySwitchBody,
    responses: { 202: { description: 'the entry and its operation', json: entryStartedSchema } }, errors: ['not_found', 'operation_running'],
  }),
];
