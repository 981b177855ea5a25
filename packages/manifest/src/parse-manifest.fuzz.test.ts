// Property tests for text input: whatever the characters, parsing and validation answer with
// issues, never an exception.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { validateManifestText } from './parse-manifest';
import { expectUsable, expectWellFormed } from './test-arbitraries';
import { fixtureCatalog, SHOP_YAML } from './test-fixtures';

describe('validateManifestText never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        expectWellFormed(validateManifestText(text, fixtureCatalog));
      }),
      { numRuns: 500 },
    );
  });

  it('on the SPEC example with random characters changed', () => {
    const edit = fc.record({ at: fc.nat(SHOP_YAML.length - 1), length: fc.nat(8), insert: fc.string({ maxLength: 8 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = SHOP_YAML;
        for (const e of edits) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.length);
        const result = validateManifestText(text, fixtureCatalog);
        expectWellFormed(result);
        expectUsable(result);
      }),
      { numRuns: 300 },
    );
  });

  it('on YAML made of manifest-like lines', () => {
    const line = fc.oneof(
      fc.constantFrom('apiVersion: colo/v1', 'kind: VDC', 'name: shop', 'appliances:', 'connections:', '  - name: web'),
      fc.constantFrom('    class: web-php', '    replicas: 3', '  - { from: web.db, to: db.in }', '---', 'a: &x [1]', 'b: *x'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        expectWellFormed(validateManifestText(lines.join('\n'), fixtureCatalog));
      }),
      { numRuns: 300 },
    );
  });
});
