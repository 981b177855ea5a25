import type { Operation, OperationStep } from '@colo/db';
import { describe, expect, it } from 'vitest';
import { operationView } from './operation-views';

const RAW = 'deploy of VDC shop failed at listener:colo-edge-i-8080: start container colo-edge-i-8080: listen tcp4 0.0.0.0:8080: bind: address already in use';
const manifest = { appliances: [{ name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 8080 }] }] };

function op(fields: Partial<Operation>, revision = 3): Operation & { steps: OperationStep[]; vdc: { name: string }; revision: { number: number; manifest: unknown } } {
  return {
    id: 'op_1', vdcId: 'vdc_1', kind: 'deploy', status: 'failed', params: {}, result: null, revisionId: 'rev_3', progress: 60, error: RAW, errorCode: 'docker_error',
    attempts: 1, fence: 1, leaseOwner: null, leaseExpiresAt: null, requestedById: 'usr_1', createdAt: new Date(), startedAt: null, finishedAt: null,
    ...fields,
    steps: [{ operationId: 'op_1', key: 'listener:colo-edge-i-8080', title: 'create listener colo-edge-i-8080', status: 'failed', error: RAW, order: 0, startedAt: null, finishedAt: null } as OperationStep],
    vdc: { name: 'shop' },
    revision: { number: revision, manifest },
  };
}

describe('operationView’s failure', () => {
  it('explains a failed deploy, with Retry’s revision and Roll back’s (the last that deployed)', () => {
    const view = operationView(op({}), { dockerKey: 'shop-a1b2c3', deployedRevision: 2 });
    expect(view.failure).toMatchObject({ class: 'port_taken', appliance: 'lb', retryRevision: 3, rollbackRevision: 2, details: RAW });
  });

  it('offers no roll back to the revision that failed, nor for other kinds, nor without context or failure', () => {
    expect(operationView(op({}), { dockerKey: 'shop-a1b2c3', deployedRevision: 3 }).failure?.rollbackRevision).toBeNull();
    expect(operationView(op({ kind: 'start' }), { dockerKey: 'shop-a1b2c3', deployedRevision: 2 }).failure).toMatchObject({ retryRevision: null, rollbackRevision: null });
    expect(operationView(op({}), undefined).failure).toBeNull();
    expect(operationView(op({ status: 'succeeded', error: null }), { dockerKey: 'shop-a1b2c3', deployedRevision: 2 }).failure).toBeNull();
  });
});
