import { describe, expect, it } from 'vitest';
import { LABEL } from '../../labels';
import { AGENT_CLIENT_NAME, AGENT_ROLE, nodeAgentServiceName } from './agent-names';
import { type AgentSpecInput, nodeAgentServiceSpec } from './agent-spec';

const input: AgentSpecInput = {
  instance: 'prod',
  image: '127.0.0.1:5000/colo/node-agent@sha256:abc',
  port: 2378,
  hostNetworkId: 'hostnet1',
  secrets: [
    { id: 's1', name: 'colo-prod-node-agent-ca-1', file: 'agent-ca.pem' },
    { id: 's2', name: 'colo-prod-node-agent-cert-2', file: 'agent-cert.pem' },
    { id: 's3', name: 'colo-prod-node-agent-key-3', file: 'agent-key.pem' },
  ],
};

type Spec = {
  Name: string;
  Labels: Record<string, string>;
  Mode: { Global?: object };
  UpdateConfig: { Order: string };
  TaskTemplate: {
    Networks: { Target: string }[];
    Placement?: object;
    ContainerSpec: {
      Image: string;
      Args: string[];
      ReadOnly: boolean;
      CapabilityDrop: string[];
      Labels: Record<string, string>;
      Mounts: { Type: string; Source: string; Target: string }[];
      Secrets: { SecretID: string; File: { Name: string; UID: string; Mode: number } }[];
    };
  };
};

describe('the node agent service', () => {
  const spec = nodeAgentServiceSpec(input) as unknown as Spec;
  const container = spec.TaskTemplate.ContainerSpec;

  it('is global, on the host network, with the node socket bound and the port and client name as arguments', () => {
    expect(spec.Name).toBe(nodeAgentServiceName('prod'));
    expect(spec.Mode).toEqual({ Global: {} });
    expect(spec.TaskTemplate.Placement).toBeUndefined();
    expect(spec.TaskTemplate.Networks).toEqual([{ Target: 'hostnet1' }]);
    expect(container.Mounts).toEqual([{ Type: 'bind', Source: '/var/run/docker.sock', Target: '/var/run/docker.sock' }]);
    expect(container.Args).toEqual(['2378', AGENT_CLIENT_NAME]);
    expect(spec.UpdateConfig.Order).toBe('stop-first');
  });

  it('runs with no capability, a read-only root and its secrets as root-only files', () => {
    expect(container.ReadOnly).toBe(true);
    expect(container.CapabilityDrop).toEqual(['ALL']);
    expect(container.Secrets.map((s) => [s.SecretID, s.File.Name, s.File.UID, s.File.Mode])).toEqual([
      ['s1', 'agent-ca.pem', '0', 0o400],
      ['s2', 'agent-cert.pem', '0', 0o400],
      ['s3', 'agent-key.pem', '0', 0o400],
    ]);
    expect(JSON.stringify(spec)).not.toContain('PRIVATE KEY');
  });

  it("carries Colo's labels and a spec hash that moves with the port, the secrets and the image", () => {
    expect(spec.Labels).toMatchObject({ [LABEL.managed]: 'true', [LABEL.instance]: 'prod', [LABEL.role]: AGENT_ROLE });
    expect(container.Labels[LABEL.spec]).toBe(spec.Labels[LABEL.spec]);
    const hash = (i: AgentSpecInput) => nodeAgentServiceSpec(i).Labels[LABEL.spec];
    expect(hash(input)).toBe(spec.Labels[LABEL.spec]);
    expect(hash({ ...input, port: 2379 })).not.toBe(hash(input));
    expect(hash({ ...input, imageId: 'sha256:def' })).not.toBe(hash(input));
    expect(hash({ ...input, secrets: input.secrets.map((s) => (s.file === 'agent-key.pem' ? { ...s, id: 's4' } : s)) })).not.toBe(hash(input));
  });
});
