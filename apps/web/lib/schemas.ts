// Numbers from the URL, checked with the contract's pattern (@colo/api) and refused with a
// message that names what was wrong. Request bodies and queries are the contract's schemas.
import { positiveNumberText } from '@colo/api';
import { ColoError } from '@colo/control';

/** A positive whole number from the URL (`what` names it in the refusal). */
function positiveNumber(raw: string, what: string): number {
  if (!positiveNumberText.safeParse(raw).success) throw new ColoError('bad_request', `${what} "${raw}" must be a positive whole number`);
  return Number(raw);
}

/** A snapshot number from the URL. */
export function snapshotNumber(raw: string): number {
  return positiveNumber(raw, 'snapshot number');
}

/** A revision number from the query (`?revision=N`). */
export function revisionParam(raw: string): number {
  return positiveNumber(raw, 'revision');
}

/** A class version number from the URL. */
export function classVersionParam(raw: string): number {
  return positiveNumber(raw, 'class version');
}
