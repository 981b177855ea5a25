// docker-compose.yml cannot be run here (no compose plugin, no registry), so its shape is read:
// only the worker and the read-only proxy mount the Docker socket, the internet-facing web app
// reaches Docker only through that proxy, and the proxy is reachable from nothing else.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './harness';

interface Service {
  build?: string | { context: string };
  environment?: Record<string, unknown>;
  volumes?: string[];
  ports?: string[];
  networks?: string[];
  cap_drop?: string[];
  read_only?: boolean;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
};
const holdsSocket = (s: Service) => (s.volumes ?? []).some((v) => v.includes('docker.sock'));

describe('docker-compose.yml', () => {
  it('gives the Docker socket to the worker and the read-only proxy only', () => {
    const holders = Object.entries(compose.services).filter(([, s]) => holdsSocket(s)).map(([name]) => name);
    expect(holders.sort()).toEqual(['docker-ro', 'worker']);
  });

  it('points the web app at the proxy, over an internal network only the two share', () => {
    const { web, 'docker-ro': ro } = compose.services;
    expect(web.environment?.DOCKER_HOST).toBe('tcp://docker-ro:2375');
    // The merged anchor still gives web the rest of Colo's environment.
    expect(web.environment?.DATABASE_URL).toMatch(/^postgresql:/);
    expect(ro.networks).toEqual(['docker-api']);
    expect(compose.networks['docker-api'].internal).toBe(true);
    const onApi = Object.entries(compose.services).filter(([, s]) => s.networks?.includes('docker-api')).map(([n]) => n);
    expect(onApi.sort()).toEqual(['docker-ro', 'web']);
    expect(ro.ports).toBeUndefined();
  });

  it('builds the proxy from the repo and runs it without privileges', () => {
    const ro = compose.services['docker-ro'];
    const context = typeof ro.build === 'string' ? ro.build : ro.build?.context;
    expect(existsSync(path.join(ROOT, context ?? '', 'Dockerfile'))).toBe(true);
    expect(ro.cap_drop).toEqual(['ALL']);
    expect(ro.read_only).toBe(true);
  });

  it('turns the host port probe off where Colo itself runs in containers', () => {
    for (const name of ['web', 'worker']) expect(compose.services[name].environment?.COLO_HOST_PORT_PROBE, name).toBe('off');
  });
});
