// What the entries page shows, as `GET /api/v1/entries` and `GET /api/v1/vdcs` answer (dates as
// strings): the contract's types (@colo/api).
import type { Entry } from '@colo/api';

export type EntryBody = Entry;

/** A VDC as the selects need it. */
export interface VdcChoice {
  name: string;
  state: string;
}
