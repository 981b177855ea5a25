import { describe, expect, it } from 'vitest';
import { restartShareClients } from './restart-clients';
import type { SwarmApi, SwarmServiceInfo, SwarmTaskInfo } from './swarm-api';
import type { SwarmServiceSpec } from './swarm-types';

const service = (name: string, replicas: number): SwarmServiceInfo => ({
  ID: `id-${name}`,
  Version: { Index: 7 },
  Spec: { Name: name, Labels: { 'colo.spec': `spec-${name}` }, Mode: { Replicated: { Replicas: replicas } }, TaskTemplate: { ForceUpdate: 2 } } as unknown as SwarmServiceSpec,
});
const running = (name: string): SwarmTaskInfo => ({
  ID: Math.random().toString(36),
  ServiceID: `id-${name}`,
  DesiredState: 'running',
  Status: { State: 'running', Timestamp: new Date().toISOString() },
  Spec: { ContainerSpec: { Labels: { 'colo.spec': `spec-${name}` } } },
});

describe('restartShareClients', () => {
  it('rolls each running client service out again (ForceUpdate + 1, same spec) and waits for it; skips stopped and missing ones', async () => {
    const services = new Map([['web', service('web', 3)], ['stopped', service('stopped', 0)]]);
    const updates: { id: string; version: number; force?: number; replicas?: number }[] = [];
    const api = {
      inspectService: async (name: string) => services.get(name),
      updateService: async (id: string, version: number, spec: SwarmServiceSpec) => {
        updates.push({ id, version, force: spec.TaskTemplate.ForceUpdate, replicas: spec.Mode?.Replicated?.Replicas });
      },
      listTasks: async ({ service: names }: { service?: string[] }) => (names?.[0] === 'web' ? [running('web'), running('web'), running('web')] : []),
    } as unknown as SwarmApi;
    const restarted = await restartShareClients(api, ['web', 'stopped', 'missing'], { timeoutMs: 2000 });
    expect(restarted).toEqual(['web']);
    expect(updates).toEqual([{ id: 'id-web', version: 7, force: 3, replicas: 3 }]);
  });
});
