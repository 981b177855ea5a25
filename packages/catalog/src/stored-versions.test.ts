import { classSchema } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { createFileCatalog } from './file-catalog';
import { committedImage, withStoredVersions } from './stored-versions';

const stock = (version: number, title = 'Web') =>
  classSchema.parse({ id: 'web', version, title, resources: { cpu: { min: 0.1, max: 1, default: 0.5 }, memory: { min: '16Mi', max: '1Gi', default: '64Mi' } } });
const base = createFileCatalog([
  { class: stock(1), dir: '/t/web', file: '/t/web/class.yaml', hasDockerfile: true },
  { class: classSchema.parse({ ...stock(1), id: 'db', title: 'DB' }), dir: '/t/db', file: '/t/db/class.yaml', hasDockerfile: true },
]);
const committed = (version: number) => ({ classId: 'web', version, definition: stock(1, 'Web (patched)'), image: committedImage('colo', 'local', 'web', version) });

describe('withStoredVersions', () => {
  it('adds committed versions with their own image and the base definition', () => {
    const catalog = withStoredVersions(base, [committed(2)], new Map());
    expect(catalog.get('web@2')).toMatchObject({ version: 2, image: 'colo/web:2-local', title: 'Web (patched)' });
    expect(catalog.get('web@1')?.image).toBeUndefined(); // the stock one still builds from its folder
    expect(catalog.source('web@2')).toMatchObject({ hasDockerfile: false, dir: '/t/web' });
    expect(catalog.list().map((c) => `${c.id}@${c.version}`)).toEqual(['db@1', 'web@1', 'web@2']);
  });

  it('a bare id follows the head, else the highest version', () => {
    expect(withStoredVersions(base, [committed(2), committed(3)], new Map()).get('web')?.version).toBe(3);
    expect(withStoredVersions(base, [committed(2), committed(3)], new Map([['web', 2]])).get('web')?.version).toBe(2);
    expect(withStoredVersions(base, [committed(2)], new Map([['web', 1]])).get('web')?.image).toBeUndefined();
    // A head naming a version that is gone falls back to the highest.
    expect(withStoredVersions(base, [committed(2)], new Map([['web', 9]])).get('web')?.version).toBe(2);
    expect(withStoredVersions(base, [], new Map()).get('db')?.version).toBe(1);
  });

  it('skips a stored definition it cannot read, and refuses bad version refs', () => {
    const catalog = withStoredVersions(base, [{ ...committed(2), definition: { title: 42 } }], new Map());
    expect(catalog.get('web@2')).toBeUndefined();
    expect(catalog.get('web')?.version).toBe(1);
    expect(catalog.get('web@0')).toBeUndefined();
    expect(catalog.get('web@x')).toBeUndefined();
  });
});
