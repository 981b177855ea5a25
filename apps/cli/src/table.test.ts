import { describe, expect, it } from 'vitest';
import { renderTable } from './table';

describe('renderTable', () => {
  it('pads columns to the widest cell, marks empty cells and keeps the last column ragged', () => {
    expect(renderTable(['NAME', 'STATE', 'PORTS'], [['shop', 'running', '127.0.0.1:8080 → lb.in'], ['a', null, undefined]])).toEqual([
      'NAME  STATE    PORTS',
      'shop  running  127.0.0.1:8080 → lb.in',
      'a     -        -',
    ]);
  });

  it('counts characters, not UTF-16 units, and keeps each row on one line', () => {
    expect(renderTable(['A', 'B'], [['→→', 'x'], ['a\n  b', 'y']])).toEqual(['A    B', '→→   x', 'a b  y']);
  });
});
