import { classSchema, createCatalog } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { yamlCompletions } from './yaml-completions';
import { yamlContext } from './yaml-context';

const resources = { cpu: { min: 0.25, max: 2, default: 0.5 }, memory: { min: '64Mi', max: '1Gi', default: '256Mi' } };
const catalog = createCatalog([
  classSchema.parse({
    id: 'web-php',
    version: 2,
    title: 'PHP web server',
    terminals: {
      inputs: [
        { name: 'in', protocol: 'http', port: 80 },
        { name: 'share', protocol: 'fs', volume: 'data' },
      ],
      outputs: [{ name: 'db', protocol: 'mysql' }],
    },
    volumes: [{ name: 'data', mountPath: '/srv' }],
    properties: [
      { name: 'workers', type: 'integer', min: 1, max: 16, default: 2, description: 'PHP workers' },
      { name: 'mode', type: 'enum', values: ['fast', 'safe'] },
    ],
    resources,
  }),
  classSchema.parse({ id: 'web-php', version: 1, title: 'old', resources }),
  classSchema.parse({ id: 'mysql', version: 1, title: 'MySQL', terminals: { inputs: [{ name: 'sql', protocol: 'mysql', port: 3306 }] }, resources }),
]);

/** The text with `|` as the cursor. */
function at(marked: string) {
  const pos = marked.indexOf('|');
  return { text: marked.slice(0, pos) + marked.slice(pos + 1), pos };
}

function labels(marked: string): string[] {
  const { text, pos } = at(marked);
  return yamlCompletions(text, pos, catalog)?.options.map((o) => o.label) ?? [];
}

const HEAD = 'apiVersion: colo/v1\nkind: VDC\nname: shop\n';

describe('yamlContext', () => {
  it('follows block indentation, list items and the compact list style', () => {
    const ctx = (m: string) => {
      const { text, pos } = at(m);
      const c = yamlContext(text, pos).context;
      return c && { kind: c.kind, path: c.path.join('/'), word: c.word };
    };
    expect(ctx(`${HEAD}appliances:\n  - name: web\n    cl|`)).toEqual({ kind: 'key', path: 'appliances/-', word: 'cl' });
    expect(ctx(`${HEAD}appliances:\n- name: web\n  class: we|`)).toEqual({ kind: 'value', path: 'appliances/-/class', word: 'we' });
    expect(ctx(`${HEAD}appliances:\n  - name: web\n    properties:\n      |`)).toEqual({ kind: 'key', path: 'appliances/-/properties', word: '' });
    expect(ctx(`${HEAD}appliances:\n  - name: web\n    properties:\n      w: 1\n|`)).toEqual({ kind: 'key', path: '', word: '' });
    expect(ctx(`${HEAD}appliances:\n  - name: web\n    resources: { cpu: 1, me|`)).toEqual({ kind: 'key', path: 'appliances/-/resources', word: 'me' });
    expect(ctx(`${HEAD}appliances:\n  - name: web\n    expose: [ { terminal: i|`)).toEqual({ kind: 'value', path: 'appliances/-/expose/-/terminal', word: 'i' });
    expect(ctx(`${HEAD}connections:\n  - { from: web.db, to: d|`)).toEqual({ kind: 'value', path: 'connections/-/to', word: 'd' });
    expect(ctx(`${HEAD}description: "a: b" and more|`)).toBeUndefined();
  });

  it('outlines the appliances, block or flow, and knows which one the cursor is in', () => {
    const { text, pos } = at(`${HEAD}appliances:\n  - name: web\n    |\n    class: web-php\n  - { name: db, class: mysql }\n`);
    const { outline, context } = yamlContext(text, pos);
    expect(outline.appliances).toEqual([
      { name: 'web', class: 'web-php' },
      { name: 'db', class: 'mysql' },
    ]);
    expect(context?.appliance).toEqual({ name: 'web', class: 'web-php' });
  });

  it('gives a new item typed on the cursor line the class written below it', () => {
    const { text, pos } = at(`${HEAD}appliances:\n  - name: db\n    class: mysql\n  - ex|\n    class: web-php\n`);
    expect(yamlContext(text, pos).context?.appliance?.class).toBe('web-php');
  });
});

describe('yamlCompletions', () => {
  it('offers the keys of each level, without the ones already written', () => {
    expect(labels(`${HEAD}|`)).toEqual(['description', 'appliances', 'connections', 'visual']);
    expect(labels(`kind: VDC\n|`)).toEqual(['apiVersion', 'name', 'description', 'appliances', 'connections', 'visual']);
    expect(labels(`${HEAD}appliances:\n  - name: web\n    |`)).toContain('class');
    expect(labels(`${HEAD}appliances:\n  - name: web\n    |`)).not.toContain('name');
    expect(labels(`${HEAD}appliances:\n  - name: web\n    resources: { |`)).toEqual(['cpu', 'memory']);
    expect(labels(`${HEAD}connections:\n  - |`)).toEqual(['from', 'to']);
    expect(labels(`${HEAD}appliances:\n  - name: web\nvisual:\n  web:\n    |`)).toEqual(['x', 'y']);
  });

  it('applies a key with its colon', () => {
    const { text, pos } = at(`${HEAD}appliances:\n  - name: web\n    cl|`);
    const result = yamlCompletions(text, pos, catalog);
    expect(result?.from).toBe(pos - 2);
    expect(result?.options.find((o) => o.label === 'class')?.apply).toBe('class: ');
  });

  it('offers class ids from the catalog, each once at its latest version', () => {
    const { text, pos } = at(`${HEAD}appliances:\n  - name: web\n    class: w|`);
    const result = yamlCompletions(text, pos, catalog);
    expect(result?.options.map((o) => o.label)).toEqual(['mysql', 'web-php']);
    expect(result?.options[1]).toMatchObject({ kind: 'class', detail: 'PHP web server' });
    expect(result?.from).toBe(pos - 1);
  });

  it("offers the terminals of the appliance's class: expose its listening inputs, wires by side", () => {
    const apps = `${HEAD}appliances:\n  - name: web\n    class: web-php\n    expose: [ { terminal: |`;
    expect(labels(apps)).toEqual(['in']);
    const wired = `${HEAD}appliances:\n  - name: web\n    class: web-php\n  - name: db\n    class: mysql\nconnections:\n  - from: |`;
    expect(labels(wired)).toEqual(['web.db']);
    expect(labels(wired.replace('from: |', 'from: web.db\n    to: |'))).toEqual(['web.in', 'web.share', 'db.sql']);
  });

  it('offers property names of the class, their enum values, and names for startAfter', () => {
    const base = `${HEAD}appliances:\n  - name: db\n    class: mysql\n  - name: web\n    class: web-php\n`;
    expect(labels(`${base}    properties:\n      |`)).toEqual(['workers', 'mode']);
    expect(labels(`${base}    properties:\n      mode: |`)).toEqual(['fast', 'safe']);
    expect(labels(`${base}    startAfter:\n      - |`)).toEqual(['db']);
    expect(labels(`${base}    startAfter: [ |`)).toEqual(['db']);
  });

  it('offers nothing where nothing is known', () => {
    expect(labels(`${HEAD}description: |`)).toEqual([]);
    expect(labels(`${HEAD}appliances:\n  - name: x\n    class: nope\n    properties:\n      |`)).toEqual([]);
  });
});
