// Which of the catalog's user assemblies a filter shows. Pure, so the rule is tested on its own.
import type { AssemblyItem } from './types';

export const ASSEMBLY_FILTERS = [
  { id: 'all', label: 'All' },
  { id: 'mine', label: 'Mine' },
  { id: 'shared', label: 'Shared with me' },
  { id: 'published', label: 'Published' },
] as const;

export type AssemblyFilter = (typeof ASSEMBLY_FILTERS)[number]['id'];

type Filterable = Pick<AssemblyItem, 'mine' | 'visibility'>;

/** "Shared with me" is another user's assembly shared with the viewer by name; "Published" is any published one, the viewer's own included. */
export function matchesFilter(a: Filterable, filter: AssemblyFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'mine':
      return a.mine;
    case 'shared':
      return !a.mine && a.visibility === 'shared';
    case 'published':
      return a.visibility === 'published';
  }
}

export function filterCounts(list: Filterable[]): Record<AssemblyFilter, number> {
  const counts = { all: 0, mine: 0, shared: 0, published: 0 };
  for (const a of list) for (const f of ASSEMBLY_FILTERS) if (matchesFilter(a, f.id)) counts[f.id]++;
  return counts;
}

/** The viewer's VDCs per version, newest version first: "v2: shop, blog". */
export function usesByVersion(uses: { vdc: string; version: number }[]): { version: number; vdcs: string[] }[] {
  const byVersion = new Map<number, string[]>();
  for (const u of uses) {
    const vdcs = byVersion.get(u.version) ?? [];
    if (!vdcs.includes(u.vdc)) vdcs.push(u.vdc);
    byVersion.set(u.version, vdcs);
  }
  return [...byVersion]
    .sort(([a], [b]) => b - a)
    .map(([version, vdcs]) => ({ version, vdcs: vdcs.sort((x, y) => x.localeCompare(y)) }));
}
