// The options of a "Move to node…" select: Colo's own pick first, then the ready, active nodes
// (by hostname, as the move API takes them). Shared by the inspector and the VDC-level move.
import type { MoveTarget } from './data-nodes';

export function MoveTargetOptions({ targets }: { targets?: MoveTarget[] }) {
  return (
    <>
      <option value="">Colo picks (least load)</option>
      {(targets ?? []).map((t) => (
        <option key={t.id} value={t.hostname}>
          {t.label}
        </option>
      ))}
    </>
  );
}
