// What the entries page shows, as `GET /api/v1/entries` and `GET /api/v1/vdcs` answer (dates as strings).
export interface EntryBody {
  name: string;
  hostPort: number;
  /** Where clients reach it, e.g. `127.0.0.1:8080`. */
  address: string;
  /** The VDC it points at (while `creating`: the one it is being pointed at). */
  vdc: string;
  appliance: string;
  terminal: string;
  /** Where it pointed before the last switch: what a rollback switches back to. */
  previousVdc: string | null;
  /** `creating` until its listener first serves, `ready`, or `failed` if that first time failed. */
  state: 'creating' | 'ready' | 'failed' | string;
  /** Start on first request: while its VDC is stopped, a request is held while Colo starts it. */
  wake?: boolean;
  switchedAt: string | null;
  createdAt: string;
}

/** A VDC as the selects need it. */
export interface VdcChoice {
  name: string;
  state: string;
}
