import { describe, expect, it } from 'vitest';
import { applianceLiveState, deriveNodes } from './live-state';
import type { ApplianceStatusBody, ContainerStatusBody, OperationBody, StepBody, VdcStatusBody } from './types';

function container(replica: number, state: string, health = 'none'): ContainerStatusBody {
  return { id: `id${replica}`, name: `colo-shop-abc123-web-${replica}`, replica, state, health, ports: [] };
}

function appliance(name: string, desired: number, containers: ContainerStatusBody[]): ApplianceStatusBody {
  const running = containers.filter((c) => c.state === 'running').length;
  return { name, class: 'web-php', replicas: { desired, running }, state: '', containers };
}

function status(...appliances: ApplianceStatusBody[]): VdcStatusBody {
  return { vdc: { id: 'vdc_1', name: 'shop', state: 'running', revision: 1, deployedRevisionId: null, busy: false }, appliances, edge: [] };
}

function step(replica: number, title: string, stepStatus: string, app = 'web'): StepBody {
  return { key: `container:colo-shop-abc123-${app}-${replica}`, title, status: stepStatus, error: null, appliance: app };
}

function op(opStatus: string, steps: StepBody[]): OperationBody {
  return { id: 'op_1', vdc: 'shop', kind: 'deploy', status: opStatus, progress: 50, error: null, steps, createdAt: '', startedAt: null, finishedAt: null };
}

describe('applianceLiveState (Docker alone)', () => {
  it('names each state a node can be in', () => {
    expect(applianceLiveState(appliance('web', 2, []))).toBe('absent');
    expect(applianceLiveState(appliance('web', 2, [container(1, 'running', 'healthy'), container(2, 'running')]))).toBe('healthy');
    expect(applianceLiveState(appliance('web', 2, [container(1, 'running', 'healthy'), container(2, 'running', 'starting')]))).toBe('starting');
    expect(applianceLiveState(appliance('web', 2, [container(1, 'running', 'unhealthy'), container(2, 'running', 'starting')]))).toBe('unhealthy');
    expect(applianceLiveState(appliance('web', 2, [container(1, 'exited'), container(2, 'exited')]))).toBe('stopped');
    expect(applianceLiveState(appliance('web', 1, [container(1, 'created')]))).toBe('stopped');
  });

  it('shows an appliance the flap guard stopped as flagged, with the reason on the node', () => {
    const flagged = { ...appliance('web', 1, [container(1, 'exited')]), problem: 'failed 3 times in 24h (last: out of memory)', flagged: { reason: 'failed 3 times in 24h (last: out of memory)', at: '' } };
    expect(applianceLiveState(flagged)).toBe('flagged');
    expect(deriveNodes(status(flagged), undefined).web).toEqual({ state: 'flagged', running: 0, desired: 1, reason: 'failed 3 times in 24h (last: out of memory)' });
    const oom = { ...appliance('db', 1, [container(1, 'restarting')]), problem: 'out of memory' };
    expect(deriveNodes(status(oom), undefined).db).toMatchObject({ state: 'unhealthy', reason: 'out of memory' });
  });

  it('calls a crash-looping container or a dead replica among running ones unhealthy', () => {
    expect(applianceLiveState(appliance('web', 1, [container(1, 'restarting')]))).toBe('unhealthy');
    expect(applianceLiveState(appliance('web', 2, [container(1, 'running', 'healthy'), container(2, 'exited')]))).toBe('unhealthy');
  });
});

describe('deriveNodes (Docker + the running operation)', () => {
  it('gives running/desired replica counts per appliance, and nothing for unknown ones', () => {
    const nodes = deriveNodes(status(appliance('web', 3, [container(1, 'running', 'healthy'), container(2, 'running', 'healthy')])), undefined);
    expect(nodes).toEqual({ web: { state: 'healthy', running: 2, desired: 3 } });
    expect(deriveNodes(undefined, undefined)).toEqual({});
  });

  it('shows creating while a create step runs and its container does not run yet, then starting', () => {
    const before = status(appliance('web', 2, []));
    const creating = op('running', [step(1, 'create container colo-shop-abc123-web-1 (new replica)', 'running')]);
    expect(deriveNodes(before, creating).web.state).toBe('creating');
    const started = status(appliance('web', 2, [container(1, 'running', 'starting')]));
    expect(deriveNodes(started, creating).web.state).toBe('starting');
  });

  it('shows starting for a start step, and the replica furthest behind names the node', () => {
    const s = status(appliance('web', 2, [container(1, 'exited'), container(2, 'running', 'healthy')]));
    expect(deriveNodes(s, op('running', [step(1, 'start container colo-shop-abc123-web-1 (stopped)', 'running')])).web.state).toBe('starting');
    const both = op('running', [
      step(1, 'start container colo-shop-abc123-web-1', 'running'),
      step(2, 'recreate container colo-shop-abc123-web-2 (changed: env)', 'running'),
    ]);
    expect(deriveNodes(status(appliance('web', 2, [container(1, 'exited')])), both).web.state).toBe('creating');
  });

  it('creates a node entry for an appliance Docker does not know yet', () => {
    const nodes = deriveNodes(status(), op('running', [step(1, 'create container colo-shop-abc123-db-1 (new)', 'running', 'db')]));
    expect(nodes.db).toEqual({ state: 'creating', running: 0, desired: 1 });
  });

  it('lets Docker speak once the operation is over, and ignores finished or pending steps', () => {
    const s = status(appliance('web', 1, [container(1, 'running', 'healthy')]));
    expect(deriveNodes(s, op('succeeded', [step(1, 'create container colo-shop-abc123-web-1', 'running')])).web.state).toBe('healthy');
    expect(deriveNodes(s, op('running', [step(1, 'create container colo-shop-abc123-web-1', 'done')])).web.state).toBe('healthy');
    expect(deriveNodes(s, op('running', [step(1, 'create container colo-shop-abc123-web-1', 'pending')])).web.state).toBe('healthy');
  });

  it('leaves removals and stops to Docker', () => {
    const s = status(appliance('web', 1, [container(1, 'running', 'healthy')]));
    expect(deriveNodes(s, op('running', [step(1, 'remove container colo-shop-abc123-web-1 (not in the manifest)', 'running')])).web.state).toBe('healthy');
    expect(deriveNodes(s, op('running', [{ key: 'stop:web', title: 'stop appliance web', status: 'running', error: null, appliance: 'web' }])).web.state).toBe('healthy');
  });

  it('counts desired replicas from the plan of a running deploy, not the last deployed revision', () => {
    // web goes from 1 to 3 replicas, db is new, old goes away.
    const s = status(appliance('web', 1, [container(1, 'running', 'healthy')]), {
      ...appliance('old', 0, [{ ...container(1, 'running', 'healthy'), name: 'colo-shop-abc123-old-1' }]),
    });
    const deploy = op('running', [
      step(2, 'create container colo-shop-abc123-web-2 (new replica)', 'running'),
      step(3, 'create container colo-shop-abc123-web-3 (new replica)', 'pending'),
      step(1, 'create container colo-shop-abc123-db-1 (new)', 'done', 'db'),
      step(1, 'remove container colo-shop-abc123-old-1 (not in the manifest)', 'pending', 'old'),
    ]);
    const nodes = deriveNodes(s, deploy);
    expect(nodes.web.desired).toBe(3);
    expect(nodes.db.desired).toBe(1);
    expect(nodes.old.desired).toBe(0);
    // Stop and start do not change what is wanted.
    expect(deriveNodes(s, { ...deploy, kind: 'stop' }).web.desired).toBe(1);
  });

  it('marks the appliance a failed operation names as failed, with the plain reason, until the next one', () => {
    // A healthy container behind a port Docker could not publish: the node says what went wrong.
    const s = status(appliance('web', 1, [container(1, 'running', 'healthy')]), appliance('db', 1, [container(1, 'running', 'healthy')]));
    const failure = { class: 'port_taken', message: 'Port 8080 is in use by another program on this machine, so web could not be published on it.', fix: 'Stop it, then Retry.', appliance: 'web', details: 'bind: address already in use' };
    const failed = { ...op('failed', []), failure };
    const nodes = deriveNodes(s, failed);
    expect(nodes.web).toMatchObject({ state: 'failed', reason: failure.message });
    expect(nodes.db.state).toBe('healthy');
    // A first deploy that failed: Docker knows nothing yet, the plan says one replica was wanted.
    const first = { ...op('failed', [step(1, 'create container colo-shop-abc123-web-1 (new)', 'failed')]), failure };
    expect(deriveNodes(status(), first).web).toEqual({ state: 'failed', running: 0, desired: 1, reason: failure.message });
    // Without an appliance to blame, Docker speaks; the next operation clears the mark.
    expect(deriveNodes(s, { ...failed, failure: { ...failure, appliance: null } }).web.state).toBe('healthy');
    expect(deriveNodes(s, op('running', [])).web.state).toBe('healthy');
  });
});
