import { describe, expect, it } from 'vitest';
import { linePosition, scanJson } from './json-manifest';

describe('scanJson', () => {
  it('finds repeated keys per object, escapes included, and nothing else', () => {
    const text = '{"a":1,"b":{"a":2,"c":"a"},"l":["a","a"],"\\u0061":3,"s":"{\\"a\\":1}"}';
    expect(scanJson(text, 64, 20)).toEqual({ duplicates: [text.indexOf('"\\u0061"')] });
    expect(scanJson('{"a":{"x":1},"b":{"x":1}}', 64, 20)).toEqual({ duplicates: [] });
  });

  it('stops at the first bracket past the depth', () => {
    expect(scanJson(`{"a":${'['.repeat(100)}`, 64, 20)).toEqual({ duplicates: [], tooDeep: 5 + 63 });
  });

  it('gives up on text that is not JSON, for a real parser to explain', () => {
    expect(scanJson('{"a": "unterminated', 64, 20)).toBeUndefined();
  });

  it('reports at most the asked number of duplicates', () => {
    const text = `{${Array.from({ length: 100 }, () => '"k":1').join(',')}}`;
    expect(scanJson(text, 64, 20)!.duplicates).toHaveLength(20);
  });
});

describe('linePosition', () => {
  it('counts lines and columns from 1', () => {
    expect(linePosition('ab\ncd\nef', 0)).toEqual({ line: 1, col: 1 });
    expect(linePosition('ab\ncd\nef', 4)).toEqual({ line: 2, col: 2 });
    expect(linePosition('ab\ncd\nef', 6)).toEqual({ line: 3, col: 1 });
  });
});
