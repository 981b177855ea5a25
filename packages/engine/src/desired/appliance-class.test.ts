// The custom-image class (templates/appliances/custom-image) as the engine runs it: the image and
// the input port come from the appliance; the hardening stays the class's, as for every class.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { classSchema, type ResolvedManifest } from '@colo/manifest';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appliance, lbClass, wire } from '../../test/fixtures/test-classes';
import { applianceClass } from './appliance-class';
import { desiredState } from './desired-state';

const customClass = classSchema.parse(parse(readFileSync(path.join(import.meta.dirname, '../../../../templates/appliances/custom-image/class.yaml'), 'utf8')));
const vdc = { id: 'vdc_k3j9x2abcdef', name: 'blog', key: 'blog-k3j9x2' };

function blog(properties: Record<string, string | number>): ResolvedManifest {
  return {
    name: 'blog',
    appliances: [
      appliance('lb', lbClass, { expose: [{ terminal: 'in', port: 18090 }] }),
      appliance('app', customClass, { properties, expose: [{ terminal: 'in', port: 18091 }] }),
    ],
    connections: [wire('lb.out', 'app.in')],
  };
}

describe('a class whose image and port follow the appliance', () => {
  it('runs the image the appliance names, hardened like every class', () => {
    const d = desiredState({ vdc, revisionId: 'rev_1', secrets: {}, config: { instance: 'test' }, manifest: blog({ image: 'acme/blog:2', port: 8080 }) });
    const app = d.containers.find((c) => c.appliance === 'app');
    expect(app?.image).toBe('acme/blog:2');
    expect(app?.create.Image).toBe('acme/blog:2');
    expect(app?.create.User).toBe('65534:65534');
    expect(app?.create.HostConfig).toMatchObject({ ReadonlyRootfs: true, CapDrop: ['ALL'], Privileged: false });
    expect(app?.create.HostConfig?.CapAdd ?? []).toEqual([]);
    expect(app?.create.HostConfig?.Memory).toBe(256 * 1024 ** 2);
    expect(app?.create.HostConfig?.NanoCpus).toBe(0.5e9);
    expect(app?.create.HostConfig?.Binds ?? []).toEqual([]);
    // The balancer reaches it on its own port, and so does the edge listener.
    const lb = d.containers.find((c) => c.appliance === 'lb');
    expect(lb?.create.Env).toContain('OUT_PORT=8080');
    expect(d.listeners.find((l) => l.target.appliance === 'app')?.target.port).toBe(8080);
  });

  it('leaves every other class as it is', () => {
    const lb = appliance('lb', lbClass);
    expect(applianceClass(lb)).toBe(lbClass);
  });

  it('refuses a rendered image that is not a reference, and a template reading more than properties', () => {
    expect(() => applianceClass(appliance('app', customClass, { properties: { image: 'a b; rm -rf /' } }))).toThrow(/is not an image reference/);
    const sneaky = { ...customClass, image: '{{ secrets.password }}' };
    expect(() => applianceClass(appliance('app', sneaky, { properties: { image: 'x' } }))).toThrow(/only \{\{ properties\.x \}\}/);
  });
});
