import { describe, expect, it } from 'vitest';
import { MAX_MANIFEST_BYTES, parseManifestText, validateManifestText } from './parse-manifest';
import { fixtureCatalog, SHOP_YAML, shopManifest } from './test-fixtures';

describe('parseManifestText', () => {
  it('reads YAML', () => {
    const { value, errors } = parseManifestText(SHOP_YAML);
    expect(errors).toEqual([]);
    expect(value).toEqual(shopManifest());
  });

  it('reads JSON, which is YAML', () => {
    const { value, errors } = parseManifestText(JSON.stringify(shopManifest(), null, 2));
    expect(errors).toEqual([]);
    expect(value).toEqual(shopManifest());
  });

  it('keeps YAML 1.2 scalars: "yes" stays a string, 0755 is not octal', () => {
    const { value } = parseManifestText('a: yes\nb: 0755\nc: 1e3\nd: "4"');
    expect(value).toEqual({ a: 'yes', b: 755, c: 1000, d: '4' });
  });

  it('gives syntax errors with line and column, never a stack trace', () => {
    const { value, errors } = parseManifestText('apiVersion: colo/v1\nkind: VDC\nappliances: [1\nname: x\n');
    expect(value).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(/^line \d+, column \d+: /);
    for (const e of errors) expect(e.message).not.toMatch(/\n|at .*\.js/);
  });

  it('points at the right line', () => {
    const { errors } = parseManifestText('apiVersion: colo/v1\nkind: VDC\n\tname: shop\n');
    expect(errors[0].message).toMatch(/^line 3, column 1: /);
  });

  it('refuses duplicate keys', () => {
    const { errors } = parseManifestText('name: a\nname: b\n');
    expect(errors[0].message).toMatch(/^line 2, column 1: .*unique/);
  });

  it('refuses duplicate keys at any depth, in YAML and in JSON, with their place', () => {
    expect(parseManifestText('a:\n  b: { x: 1, y: 2, x: 3 }\n').errors).toEqual([
      { path: '', message: 'line 2, column 20: Map keys must be unique', severity: 'error' },
    ]);
    // Both would become the object key "1": one silently overwriting the other.
    expect(parseManifestText('1: a\n"1": b\n').errors[0].message).toBe('line 2, column 1: Map keys must be unique');
    expect(parseManifestText('{\n  "a": {"b": 1,\n  "b": 2}}').errors).toEqual([
      { path: '', message: 'line 3, column 3: Map keys must be unique', severity: 'error' },
    ]);
  });

  it('reads JSON with JSON.parse and refuses JSON nested absurdly deep, unread', () => {
    expect(parseManifestText('{"a": [1, {"b": "c"}], "d": -0.5e1}').value).toEqual({ a: [1, { b: 'c' }], d: -5 });
    const { errors } = parseManifestText(`{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(errors).toEqual([{ path: '', message: 'line 1, column 70: nested more than 64 levels deep', severity: 'error' }]);
    // Not quite JSON: YAML reads it and words the problem.
    expect(parseManifestText('{"a": 1,, }').errors[0].message).toMatch(/^line 1, column \d+: /);
    expect(parseManifestText('{a: 1}').value).toEqual({ a: 1 });
  });

  it('refuses several documents in one text', () => {
    const { errors } = parseManifestText('name: a\n---\nname: b\n');
    expect(errors).toEqual([
      { path: '', message: 'line 2, column 1: a manifest is a single YAML document; remove the extra "---" document', severity: 'error' },
    ]);
  });

  it('refuses unknown tags instead of guessing', () => {
    const { errors } = parseManifestText('name: !!python/object:os.system x\n');
    expect(errors[0].message).toMatch(/^line 1, column 7: Unresolved tag/);
  });

  it('refuses texts over 1 MiB, counting bytes not characters', () => {
    const big = `name: "${'x'.repeat(MAX_MANIFEST_BYTES)}"`;
    expect(parseManifestText(big).errors[0].message).toMatch(/at most 1 MiB/);
    const multiByte = `name: "${'é'.repeat(MAX_MANIFEST_BYTES / 2)}"`;
    expect(multiByte.length).toBeLessThan(MAX_MANIFEST_BYTES);
    expect(parseManifestText(multiByte).errors[0].message).toMatch(/at most 1 MiB/);
    expect(parseManifestText(`name: "${'x'.repeat(1000)}"`).errors).toEqual([]);
  });

  it('allows a few aliases but refuses an alias bomb', () => {
    expect(parseManifestText('a: &x 1\nb: *x\n').value).toEqual({ a: 1, b: 1 });
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    const started = Date.now();
    const { value, errors } = parseManifestText(lines.join('\n'));
    expect(value).toBeUndefined();
    expect(errors[0].message).toMatch(/aliases too heavily/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports an alias to an unknown anchor', () => {
    expect(parseManifestText('a: *nope\n').errors[0].message).toMatch(/unknown anchor/);
  });

  it('says so when the text is empty', () => {
    expect(parseManifestText('').errors[0].message).toBe('the manifest is empty');
    expect(parseManifestText('# only a comment\n').errors[0].message).toBe('the manifest is empty');
  });

  it('survives absurd nesting with a bounded list of errors', () => {
    const { errors } = parseManifestText('['.repeat(20_000));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThanOrEqual(20);
  });

  it('does not let __proto__ reach the prototype', () => {
    const { value } = parseManifestText('__proto__: { polluted: true }\n');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const result = validateManifestText('apiVersion: colo/v1\nkind: VDC\nname: x\n__proto__: { privileged: true }\n', fixtureCatalog);
    expect(result.errors.map((e) => e.path)).toEqual(['__proto__']);
  });
});

describe('validateManifestText', () => {
  it('validates the SPEC example text', () => {
    expect(validateManifestText(SHOP_YAML, fixtureCatalog).ok).toBe(true);
  });

  it('returns syntax errors without validating', () => {
    const result = validateManifestText('name: [', fixtureCatalog);
    expect(result.ok).toBe(false);
    expect(result.errors[0].message).toMatch(/^line 1/);
  });

  it('passes the options through', () => {
    const text = SHOP_YAML.replace('  - { from: lb.out, to: web.in }\n', '');
    expect(validateManifestText(text, fixtureCatalog).ok).toBe(false);
    const edit = validateManifestText(text, fixtureCatalog, { mode: 'edit' });
    expect(edit.ok).toBe(true);
    expect(edit.warnings).toHaveLength(1);
  });

  it('reports YAML errors and schema errors with paths', () => {
    const text = SHOP_YAML.replace('class: web-php', 'class: web-phq');
    const result = validateManifestText(text, fixtureCatalog);
    expect(result.errors).toMatchObject([
      { path: 'appliances[1].class', message: 'unknown class "web-phq" (did you mean "web-php"?)', severity: 'error' },
    ]);
  });
});

describe('the size limit counts UTF-8 bytes exactly', () => {
  it('counts a surrogate pair as four bytes and a lone surrogate as three', () => {
    const emoji = '😀'.repeat(MAX_MANIFEST_BYTES / 4);
    expect(parseManifestText(`${emoji}x`).errors[0].message).toBe(
      `a manifest may be at most 1 MiB; this one is ${MAX_MANIFEST_BYTES + 1} bytes`,
    );
    const lone = '\uD800'.repeat(MAX_MANIFEST_BYTES / 3 + 1);
    expect(parseManifestText(lone).errors[0].message).toMatch(/at most 1 MiB/);
  });
});
