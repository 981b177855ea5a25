import { describe, expect, it } from 'vitest';
import { type BootEdge, bootWavesOf, describeCycle, findBootCycles } from './boot-graph';

const edge = (waiter: string, waitsFor: string): BootEdge => ({ waiter, waitsFor, via: `${waiter}>${waitsFor}` });

describe('findBootCycles', () => {
  it('finds nothing in a DAG', () => {
    expect(findBootCycles(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'c'), edge('a', 'c')])).toEqual([]);
  });

  it('returns one shortest cycle per tangle, starting at the earliest node', () => {
    const nodes = ['x', 'a', 'b', 'c', 'p', 'q'];
    const edges = [edge('b', 'c'), edge('c', 'a'), edge('a', 'b'), edge('a', 'c'), edge('q', 'p'), edge('p', 'q')];
    const cycles = findBootCycles(nodes, edges);
    expect(cycles.map((c) => c.map((e) => e.via))).toEqual([
      ['a>c', 'c>a'],
      ['p>q', 'q>p'],
    ]);
  });

  it('ignores self edges and edges to unknown nodes', () => {
    expect(findBootCycles(['a'], [edge('a', 'a'), edge('a', 'ghost'), edge('ghost', 'a')])).toEqual([]);
  });

  it('handles long chains without running out of stack', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const edges = nodes.slice(1).map((n, i) => edge(n, nodes[i]));
    expect(findBootCycles(nodes, edges)).toEqual([]);
    const cycles = findBootCycles(nodes, [...edges, edge('n0', 'n19999')]);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(20_000);
  });

  it('describes a cycle with the reason for each step', () => {
    expect(describeCycle([edge('a', 'b'), edge('b', 'a')])).toBe(
      'boot order has a cycle: "a" starts after "b" (a>b), "b" starts after "a" (b>a)',
    );
  });
});

describe('bootWavesOf', () => {
  it('layers nodes so each waits only for earlier waves', () => {
    const { waves, stuck } = bootWavesOf(['lb', 'web', 'db', 'nas'], [edge('lb', 'web'), edge('web', 'db'), edge('web', 'nas')]);
    expect(waves).toEqual([['db', 'nas'], ['web'], ['lb']]);
    expect(stuck).toEqual([]);
  });

  it('reports what a cycle leaves unplaced', () => {
    const { waves, stuck } = bootWavesOf(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'a')]);
    expect(waves).toEqual([['c']]);
    expect(stuck).toEqual(['a', 'b']);
  });
});
