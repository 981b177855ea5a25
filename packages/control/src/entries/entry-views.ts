// What the API shows of an entry: its address, where it points and where it pointed before.
import type { Entry } from '@colo/db';

export interface EntryView {
  name: string;
  hostPort: number;
  /** Where clients reach it, e.g. http://127.0.0.1:8080 (the protocol is the terminal's to say). */
  address: string;
  /** The VDC it points at (while `creating`: the one it is being pointed at). */
  vdc: string;
  appliance: string;
  terminal: string;
  /** Where it pointed before the last switch: what a rollback switches back to. */
  previousVdc: string | null;
  /** `creating` until its listener first serves, `ready`, or `failed` if that first time failed. */
  state: string;
  /** Start on first request: while its VDC is stopped, a request is held while Colo starts it. */
  wake: boolean;
  switchedAt: Date | null;
  createdAt: Date;
}

export type EntryRow = Entry & { vdc: { name: string } };

export function entryView(entry: EntryRow, publishHost: string, previousVdcName: string | null): EntryView {
  return {
    name: entry.name,
    hostPort: entry.hostPort,
    address: `${publishHost.includes(':') ? `[${publishHost}]` : publishHost}:${entry.hostPort}`,
    vdc: entry.vdc.name,
    appliance: entry.appliance,
    terminal: entry.terminal,
    previousVdc: previousVdcName,
    state: entry.state,
    wake: entry.wakeOnRequest,
    switchedAt: entry.switchedAt,
    createdAt: entry.createdAt,
  };
}
