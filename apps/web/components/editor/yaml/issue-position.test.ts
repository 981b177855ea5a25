import { classSchema, createCatalog, parseManifestText, validateManifest } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { issueMarks, offsetOf, parsePath, positionOf } from './issue-position';

const catalog = createCatalog([
  classSchema.parse({
    id: 'web-php',
    version: 1,
    title: 'Web',
    terminals: { inputs: [{ name: 'in', protocol: 'http', port: 80 }], outputs: [{ name: 'db', protocol: 'pgsql' }] },
    properties: [{ name: 'workers', type: 'integer', min: 1, max: 16, default: 2 }],
    resources: { cpu: { min: 0.25, max: 2, default: 0.5 }, memory: { min: '64Mi', max: '1Gi', default: '256Mi' } },
  }),
]);

const TEXT = `apiVersion: colo/v1
kind: VDC
name: shop
appliances:
  - name: lb
    class: web-php
  - name: web
    class: web-php
    properties:
      workers: 99
connections:
  - { from: web.db, to: lb.in }
`;

/** The validator's issues for TEXT-like text, marked. */
function marksOf(text: string) {
  const parsed = parseManifestText(text);
  const issues = parsed.errors.length > 0 ? parsed.errors : validateManifest(parsed.value, catalog, { mode: 'edit' }).errors;
  return issueMarks(text, issues);
}

describe('parsePath', () => {
  it('reads the validator path notation back into segments', () => {
    expect(parsePath('appliances[1].properties.workers')).toEqual(['appliances', 1, 'properties', 'workers']);
    expect(parsePath('visual["a.b"].x')).toEqual(['visual', 'a.b', 'x']);
    expect(parsePath('connections[0]')).toEqual(['connections', 0]);
    expect(parsePath('')).toEqual([]);
  });
});

describe('offsets', () => {
  it('turns line and column into an offset and back', () => {
    const at = offsetOf(TEXT, 10, 7);
    expect(TEXT.slice(at, at + 7)).toBe('workers');
    expect(positionOf(TEXT, at)).toEqual({ line: 10, col: 7 });
    expect(offsetOf(TEXT, 99, 1)).toBe(TEXT.length);
    expect(offsetOf('ab\ncd', 1, 40)).toBe(2); // clamped to the line's end
  });
});

describe('issueMarks', () => {
  it('puts a validator error on the line of its path, key and value', () => {
    const [mark] = marksOf(TEXT);
    expect(mark.line).toBe(10);
    expect(mark.col).toBe(7);
    expect(TEXT.slice(mark.from, mark.to)).toBe('workers: 99');
    expect(mark.message).toMatch(/16/);
  });

  it('puts a syntax error at the line and column the parser gives, without repeating them', () => {
    const text = 'apiVersion: colo/v1\nkind: VDC\nappliances: [ {name: web, class: web-php\n';
    const marks = marksOf(text);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks[0].message).not.toMatch(/^line/);
    expect(marks[0].line).toBeGreaterThanOrEqual(3);
  });

  it('marks a repeated key where the second one is', () => {
    const text = 'apiVersion: colo/v1\nkind: VDC\nname: a\nname: b\n';
    const [mark] = marksOf(text);
    expect(mark).toMatchObject({ line: 4, col: 1 });
    expect(text.slice(mark.from, mark.to)).toBe('name: b');
  });

  it('puts a missing key on the item that lacks it, and an unknown class on its value', () => {
    const text = 'apiVersion: colo/v1\nkind: VDC\nname: a\nappliances:\n  - name: web\n  - name: db\n    class: web-phq\n';
    const marks = marksOf(text);
    const lines = marks.map((m) => m.line).sort();
    expect(lines).toContain(5); // appliances[0].class is missing: the item's first line
    expect(lines).toContain(7); // appliances[1].class is unknown
    const unknown = marks.find((m) => m.line === 7);
    expect(text.slice(unknown?.from, unknown?.to)).toBe('class: web-phq');
  });

  it('finds paths in flow collections and JSON text too', () => {
    const json = '{\n  "apiVersion": "colo/v1",\n  "kind": "VDC",\n  "name": "a",\n  "appliances": [{ "name": "w", "class": "web-php", "replicas": -1 }]\n}\n';
    const [mark] = marksOf(json);
    expect(mark.line).toBe(5);
    expect(json.slice(mark.from, mark.to)).toBe('"replicas": -1');
  });

  it('lands a path-less issue on the first line, and a path past the text on what is there', () => {
    expect(issueMarks(TEXT, [{ path: '', message: 'whole', severity: 'warning' }])[0]).toMatchObject({ line: 1, from: 0, severity: 'warning' });
    expect(issueMarks(TEXT, [{ path: 'appliances[9].name', message: 'x', severity: 'error' }])[0].line).toBe(4);
    expect(issueMarks('a: [', [{ path: 'a', message: 'x', severity: 'error' }])[0].line).toBe(1);
  });
});
