import { classSchema, createCatalog } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import type { UserAssembly } from '../editor-api';
import { checkAssemblyId } from './assembly-id-check';

const own = { id: 'shop', version: 2, mine: true, owner: { id: 'u1', name: 'Ada', email: 'ada@x' } } as UserAssembly;
const theirs = { id: 'blog', version: 1, mine: false, owner: { id: 'u2', name: 'Bob', email: 'bob@x' } } as UserAssembly;
const catalog = createCatalog([
  classSchema.parse({
    id: 'halb',
    version: 1,
    title: 'HTTP load balancer',
    category: 'balancer',
    terminals: { inputs: [{ name: 'in', protocol: 'http', port: 80 }], outputs: [] },
    resources: { cpu: { min: 0.1, max: 1, default: 0.5 }, memory: { min: '32Mi', max: '1Gi', default: '64Mi' } },
  }),
]);

describe('the id of a new assembly', () => {
  it('refuses what is not a DNS label, a class id, a template id or another user’s assembly', () => {
    expect(checkAssemblyId('Shop', catalog, [], [])).toMatchObject({ ok: false });
    expect(checkAssemblyId('halb', catalog, [], [])).toEqual({ ok: false, problem: '"halb" is the id of a class in the catalog' });
    expect(checkAssemblyId('lamp-cluster', catalog, ['lamp-cluster'], [])).toMatchObject({ ok: false });
    expect(checkAssemblyId('blog', catalog, [], [own, theirs])).toEqual({ ok: false, problem: '"blog" belongs to Bob; choose another id' });
  });

  it('is version 1 when new, the next version when it is one of yours', () => {
    expect(checkAssemblyId('cart', catalog, [], [own])).toEqual({ ok: true, version: 1 });
    expect(checkAssemblyId('shop', catalog, [], [own, theirs])).toMatchObject({ ok: true, version: 3 });
  });
});
