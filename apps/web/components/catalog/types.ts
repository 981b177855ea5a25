// What the catalog pages show: the users' assemblies as `GET /api/v1/assemblies` answers them
// (the contract's Assembly, dates as ISO strings), the stock ones of templates/, and each class
// with its versions' origin (those two are built by the page, not API answers).
import type { Assembly, AssemblyVisibility } from '@colo/api';
import type { AssemblyDefinition } from '@colo/manifest';

export type { AssemblyVisibility };

export type AssemblyPerson = Assembly['owner'];
export type AssemblyUse = Assembly['usedBy'][number];

/** The contract's Assembly, its visibility one of the three and its definition read. */
export type AssemblyItem = Assembly & { visibility: AssemblyVisibility; definition: AssemblyDefinition };

export interface StockAssemblyItem {
  id: string;
  title: string;
  description: string;
  /** How many appliances its manifest holds, when it could be read. */
  appliances: number | null;
  /** The manifest, for "New VDC from it" (null when the file does not parse). */
  manifest: Record<string, unknown> | null;
}

export interface CatalogClassVersion {
  version: number;
  /** Unknown when the class's versions could not be read (the page still lists the class). */
  source: 'stock' | 'committed' | null;
  /** How many VDCs use it (another user's are counted, not named: the class's page names yours). */
  vdcs: number;
}

export interface CatalogClassItem {
  id: string;
  title: string;
  head: number;
  versions: CatalogClassVersion[];
}

export const assemblyHref = (id: string, version?: number) =>
  `/catalog/assemblies/${encodeURIComponent(id)}${version === undefined ? '' : `?version=${version}`}`;
