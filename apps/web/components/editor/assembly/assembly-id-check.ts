// What an id typed into "Save as assembly" would do: refused (not a DNS label, a class's or a
// stock template's id, someone else's assembly), a new assembly, or the next version of yours.
import { type Catalog, DNS_LABEL } from '@colo/manifest';
import type { UserAssembly } from '../editor-api';

export type IdCheck = { ok: false; problem: string } | { ok: true; version: number; existing?: UserAssembly };

export function checkAssemblyId(id: string, catalog: Catalog, stockIds: readonly string[], mine: readonly UserAssembly[]): IdCheck {
  if (id === '') return { ok: false, problem: 'an id is required' };
  if (!DNS_LABEL.test(id)) {
    return { ok: false, problem: 'lowercase letters, digits and "-", starting with a letter, not ending with "-", at most 32 characters' };
  }
  if (catalog.get(id) && !catalog.assembly?.(id)) return { ok: false, problem: `"${id}" is the id of a class in the catalog` };
  if (stockIds.includes(id)) return { ok: false, problem: `"${id}" is the id of a stock template` };
  const existing = mine.find((a) => a.id === id);
  if (existing && !existing.mine) {
    return { ok: false, problem: `"${id}" belongs to ${existing.owner.name || existing.owner.email}; choose another id` };
  }
  if (!existing && catalog.assembly?.(id)) return { ok: false, problem: `"${id}" is another user's assembly` };
  return existing ? { ok: true, version: existing.version + 1, existing } : { ok: true, version: 1 };
}
