// `GET /vdcs/:name/appliances/:appliance/logs`: the recent log lines of an appliance's
// containers, or a live follow of them that picks up containers a deploy creates meanwhile.
// The VDC's secrets are masked exactly as in operation logs: an application may print them.

import type { Vdc } from '@colo/db';
import type { ContainerSummary } from '@colo/engine';
import { followLogs } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { ColoError } from '../errors';
import { findOwnedVdc, findRevision } from '../vdcs/find-vdc';
import type { ServerEvent } from './event-stream';
import { wakeSignal } from './wake-signal';
import { vdcRedactor } from './vdc-redactor';

export interface ApplianceLogLine {
  container: string;
  line: string;
}

export const MAX_LOG_TAIL = 5000;
/** How often a follow looks for containers that appeared or came back. */
const RESCAN_MS = 2000;
/**
 * Lines waiting for a slow client. When full, each container's follower stops reading Docker's
 * stream until there is room (Docker keeps the log on disk), so memory stays bounded.
 */
export const MAX_QUEUED_LOG_LINES = 1000;

interface ApplianceSource {
  vdc: Vdc;
  redact: (text: string) => string;
  containers: () => Promise<ContainerSummary[]>;
}

/** Appliance names are DNS labels; anything else cannot exist and never reaches a Docker filter. */
const APPLIANCE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

async function openAppliance(user: AuthUser, vdcName: string, appliance: string): Promise<ApplianceSource> {
  const vdc = await findOwnedVdc(user, vdcName);
  if (!APPLIANCE_NAME.test(appliance)) throw new ColoError('not_found', `VDC "${vdc.name}" has no appliance "${appliance}"`);
  const runtime = getRuntime();
  const labels = [`colo.instance=${engineConfig().instance}`, `colo.vdc=${vdc.id}`, `colo.appliance=${appliance}`];
  const containers = async () =>
    (await runtime.listContainers(labels)).sort((a, b) => Number(a.labels['colo.replica']) - Number(b.labels['colo.replica']));
  if ((await containers()).length === 0 && !(await inLatestRevision(vdc, appliance))) {
    throw new ColoError('not_found', `VDC "${vdc.name}" has no appliance "${appliance}"`);
  }
  return { vdc, redact: vdcRedactor(vdc), containers };
}

async function inLatestRevision(vdc: Vdc, appliance: string): Promise<boolean> {
  if (vdc.latestRevision === 0) return false;
  const manifest = (await findRevision(vdc)).manifest as { appliances?: { name?: string }[] } | null;
  return (manifest?.appliances ?? []).some((a) => a.name === appliance);
}

function clampTail(tail: number): number {
  return Math.max(0, Math.min(MAX_LOG_TAIL, Math.floor(tail)));
}

export async function applianceLogs(user: AuthUser, vdcName: string, appliance: string, tail = 200): Promise<{ lines: ApplianceLogLine[] }> {
  const source = await openAppliance(user, vdcName, appliance);
  const runtime = getRuntime();
  const n = clampTail(tail);
  const lines: ApplianceLogLine[] = [];
  for (const c of await source.containers()) {
    const text = n === 0 ? '' : await runtime.logs(c.id, n);
    for (const line of text.split('\n')) {
      if (line !== '') lines.push({ container: c.name, line: source.redact(line.replace(/\r$/, '')) });
    }
  }
  return { lines };
}

/** Checks ownership now (so the caller can answer 404), then returns the live source. */
export async function followApplianceLogs(
  user: AuthUser,
  vdcName: string,
  appliance: string,
  tail = 200,
): Promise<(signal: AbortSignal) => AsyncIterable<ServerEvent>> {
  const source = await openAppliance(user, vdcName, appliance);
  return (signal) => followAll(source, clampTail(tail), signal);
}

async function* followAll(source: ApplianceSource, tail: number, signal: AbortSignal): AsyncGenerator<ServerEvent> {
  const queue: ApplianceLogLine[] = [];
  const wakeup = wakeSignal();
  /** Followers waiting for room in the queue. */
  const waitingForRoom: (() => void)[] = [];
  const room = (): Promise<void> => {
    if (queue.length < MAX_QUEUED_LOG_LINES || signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      waitingForRoom.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  };
  const following = new Set<string>();
  /** When each container's follow ended (it stopped): a restart resumes from there. */
  const endedAt = new Map<string, number>();

  const follow = (c: ContainerSummary, from: { tail: number } | { since: number }) => {
    following.add(c.id);
    void (async () => {
      try {
        for await (const l of followLogs(c.id, { ...from, signal })) {
          await room();
          if (signal.aborted) break;
          queue.push({ container: c.name, line: source.redact(l.line) });
          wakeup.wake();
        }
      } catch {
        // the container vanished (recreated or removed): a rescan finds its successor
      } finally {
        following.delete(c.id);
        endedAt.set(c.id, Date.now() / 1000);
      }
    })();
  };

  let first = true;
  while (!signal.aborted) {
    for (const c of await source.containers()) {
      if (following.has(c.id)) continue;
      const ended = endedAt.get(c.id);
      if (first || ended === undefined) follow(c, { tail });
      else if (c.state === 'running') follow(c, { since: ended });
    }
    first = false;
    const rescanAt = Date.now() + RESCAN_MS;
    while (!signal.aborted && Date.now() < rescanAt) {
      while (queue.length > 0) {
        yield { event: 'log', data: queue.shift() };
        waitingForRoom.shift()?.();
      }
      await wakeup.wait(rescanAt, signal);
    }
  }
}
