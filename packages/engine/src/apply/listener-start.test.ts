// The plan's start step of a listener starts it and points it at its desired target, whatever it
// was pointed at when it stopped.
import { describe, expect, it } from 'vitest';
import { shopManifest, shopSecrets } from '../../test/fixtures/test-classes';
import { desiredState } from '../desired/desired-state';
import type { DesiredListener } from '../desired/types';
import type { Plan } from '../plan/types';
import type { Runtime } from '../runtime/runtime';
import { applyPlan } from './apply-plan';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };

/** Records every call; a listener is stopped until started, and healthy once running. */
function recordingRuntime(listener: DesiredListener) {
  const calls: string[] = [];
  let state = 'exited';
  const handlers: Partial<Record<keyof Runtime, (...args: unknown[]) => unknown>> = {
    startContainer: () => {
      state = 'running';
    },
    waitHealthy: () => undefined,
    inspectContainer: () => ({ id: 'l1', name: listener.name, state, networks: listener.networks.map((n) => n.network), addresses: {} }),
    connectNetwork: () => undefined,
    disconnectNetwork: () => undefined,
    exec: () => ({ exitCode: 0, output: 're-pointed\n' }),
  };
  const runtime = new Proxy({} as Runtime, {
    get: (_, key: string) => async (...args: unknown[]) => {
      calls.push(`${key} ${args.filter((a) => typeof a === 'string' || Array.isArray(a)).map((a) => (Array.isArray(a) ? a.join(' ') : a)).join(' ')}`.trim());
      const handler = handlers[key as keyof Runtime];
      if (!handler) throw new Error(`unexpected runtime call ${key}`);
      return handler(...args);
    },
  });
  return { runtime, calls };
}

describe('applyPlan, listener start', () => {
  it('starts a stopped listener and points it at its target again', async () => {
    const d = desiredState({ vdc, revisionId: 'rev_1', manifest: shopManifest(), secrets: shopSecrets, config: { instance: 'test' } });
    const [l] = d.listeners;
    // Only the listener in the desired state: its appliance has nothing to wait for here.
    const desired = { ...d, containers: [] };
    const plan: Plan = {
      vdc: d.vdc,
      instance: d.instance,
      revisionId: d.revisionId,
      steps: [{ id: `listener:${l.name}`, action: 'start', kind: 'listener', name: l.name, appliance: 'lb', reason: 'stopped', dependsOn: [] }],
      summary: { create: 0, recreate: 0, remove: 0, start: 1, reconfigure: 0 },
      networks: { wires: 0, ingress: 0, edge: 0, egress: 0 },
    };
    const { runtime, calls } = recordingRuntime(l);
    const result = await applyPlan(runtime, plan, desired);
    expect(result.steps.map((s) => s.status)).toEqual(['done']);
    expect(calls).toContain(`startContainer ${l.name}`);
    const retarget = calls.findIndex((c) => c.startsWith('exec') && c.includes(`colo-edge-target ${l.target.alias} ${l.target.port}`));
    expect(retarget).toBeGreaterThan(calls.indexOf(`startContainer ${l.name}`));
  });
});
