import { manifestToDoc } from '@colo/canvas';
import { classSchema, createCatalog } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { mandatoryOutputs } from './mandatory-outputs';

const resources = { cpu: { min: 0.1, max: 1, default: 0.5 }, memory: { min: '32Mi', max: '1Gi', default: '64Mi' } };
const catalog = createCatalog([
  classSchema.parse({
    id: 'halb',
    version: 1,
    title: 'HTTP load balancer',
    category: 'balancer',
    terminals: { inputs: [{ name: 'in', protocol: 'http', port: 80 }], outputs: [{ name: 'out', protocol: 'http', mandatory: true }] },
    resources,
  }),
  classSchema.parse({
    id: 'web-php',
    version: 1,
    title: 'PHP web server',
    category: 'web',
    terminals: { inputs: [{ name: 'in', protocol: 'http', port: 80 }], outputs: [{ name: 'db', protocol: 'pgsql' }] },
    resources,
  }),
]);

const doc = (appliances: { name: string; class: string }[], connections: { from: string; to: string }[] = []) =>
  manifestToDoc({ apiVersion: 'colo/v1', kind: 'VDC', name: 'v', appliances, connections });

describe('mandatory outputs for the canvas legend', () => {
  it('are none on a drawing without a class that has one', () => {
    expect(mandatoryOutputs(doc([{ name: 'web', class: 'web-php' }]), catalog)).toEqual({ any: false, unwired: [] });
  });

  it('name the ones no wire leaves yet', () => {
    const two = doc([
      { name: 'lb', class: 'halb' },
      { name: 'lb2', class: 'halb' },
      { name: 'web', class: 'web-php' },
    ], [{ from: 'lb.out', to: 'web.in' }]);
    expect(mandatoryOutputs(two, catalog)).toEqual({ any: true, unwired: ['lb2.out'] });
  });

  it('ignore appliances of a class the catalog does not have', () => {
    expect(mandatoryOutputs(doc([{ name: 'x', class: 'gone' }]), catalog)).toEqual({ any: false, unwired: [] });
  });
});
