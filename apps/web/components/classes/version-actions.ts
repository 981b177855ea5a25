// What may be done with one class version, and why not: the same rules the server enforces
// (packages/control/src/classes/class-patch.ts), said before the click instead of after it.
import type { ClassVersionBody } from './types';

/** Why this version cannot be deleted, or undefined when it can. */
export function deleteBlocked(v: ClassVersionBody): string | undefined {
  if (v.source === 'stock') return 'A stock version lives in templates/ and cannot be deleted';
  if (v.head) return 'Followers use the head: roll back to another version first';
  const users = v.usedBy.map((u) => (u.pinned ? `${u.vdc} (pinned)` : u.vdc));
  if (v.usedByOthers > 0) users.push(`${v.usedByOthers} VDC${v.usedByOthers === 1 ? '' : 's'} of other users`);
  if (users.length > 0) return `In use by ${users.join(', ')}`;
  return undefined;
}

/** "Roll back" to an older version; going to a newer one (after a rollback) is rolling forward. */
export function moveLabel(v: ClassVersionBody, head: number): string {
  return v.version < head ? 'Roll back to this version' : 'Roll forward to this version';
}

/** "3 containers", "pinned" and the appliances, for one VDC in the Used by column. */
export function usageDetail(u: { appliances: string[]; containers: number }): string {
  const parts = [u.appliances.join(', ')];
  if (u.containers > 0) parts.push(`${u.containers} container${u.containers === 1 ? '' : 's'}`);
  return parts.filter(Boolean).join(' · ');
}
