import { describe, expect, it } from 'vitest';
import { bootLayers } from './boot-order';

describe('bootLayers', () => {
  it('puts servers before clients and independent appliances together', () => {
    const deps = new Map([
      ['lb', ['web']],
      ['web', ['db', 'nas']],
      ['db', []],
      ['nas', []],
      ['cron', ['db']],
    ]);
    expect(bootLayers(deps)).toEqual([['db', 'nas'], ['cron', 'web'], ['lb']]);
  });

  it('ignores dependencies on appliances it does not know', () => {
    expect(bootLayers(new Map([['web', ['gone']]]))).toEqual([['web']]);
  });

  it('refuses a cycle and names it', () => {
    expect(() => bootLayers(new Map([['a', ['b']], ['b', ['a']], ['c', []]]))).toThrow('cycle through: a, b');
  });
});
