// Which container events are failures of the appliance, and how to say why in a few words.
// A `die` Colo (or anyone) asked for through the API comes after a `kill` event: a stop, a
// destroy, a recreate, the daemon shutting down. A `die` with no `kill` before it is the process
// ending on its own: a crash, or the kernel's OOM killer (Docker reports `oom` just before).
import { LABEL } from '../labels';
import type { ContainerEvent } from '../runtime/watch-events';
import type { ContainerDetails } from '../runtime/runtime';

export type FailureKind = 'exited' | 'oom' | 'unhealthy';

export interface ContainerFailure {
  containerId: string;
  container: string;
  vdcId: string;
  appliance: string;
  kind: FailureKind;
  exitCode?: number;
  /** When Docker saw it. */
  at: Date;
  /** The same for every watcher that sees this event: a consumer stores each key once. */
  key: string;
}

/** The Docker event actions the detector needs (`health_status` covers every health change). */
export const FAILURE_EVENT_ACTIONS = ['die', 'oom', 'kill', 'start', 'destroy', 'health_status'];

/** A `kill` this recent (ns) before a `die` means the die was asked for. Docker stops wait 10 s. */
const ASKED_FOR_NS = 60n * 1_000_000_000n;
/** An `oom` this recent before a `die` means the die was the OOM killer's. */
const OOM_NS = 10n * 1_000_000_000n;
/** Containers remembered at once; the oldest are forgotten first. */
const MAX_TRACKED = 10_000;

export class FailureDetector {
  private lastKill = new Map<string, bigint>();
  private lastOom = new Map<string, bigint>();

  /** Feed events in the order Docker sent them; returns the failure an event is, if any. */
  feed(event: ContainerEvent): ContainerFailure | undefined {
    const at = BigInt(event.timeNano);
    switch (event.action) {
      case 'kill':
        this.remember(this.lastKill, event.id, at);
        return undefined;
      case 'oom':
        this.remember(this.lastOom, event.id, at);
        return undefined;
      // A start ends whatever a kill or an OOM before it was about.
      case 'start':
      case 'destroy':
        this.lastKill.delete(event.id);
        this.lastOom.delete(event.id);
        return undefined;
      case 'die': {
        const killed = this.lastKill.get(event.id);
        if (killed !== undefined && at - killed <= ASKED_FOR_NS) return undefined;
        const oom = this.lastOom.get(event.id);
        const kind: FailureKind = oom !== undefined && at - oom <= OOM_NS ? 'oom' : 'exited';
        const exitCode = Number.parseInt(event.attributes.exitCode ?? '', 10);
        return this.failure(event, kind, Number.isNaN(exitCode) ? undefined : exitCode);
      }
      case 'health_status: unhealthy':
        return this.failure(event, 'unhealthy');
      default:
        return undefined;
    }
  }

  private remember(map: Map<string, bigint>, id: string, at: bigint): void {
    map.delete(id);
    map.set(id, at);
    if (map.size > MAX_TRACKED) map.delete(map.keys().next().value as string);
  }

  private failure(event: ContainerEvent, kind: FailureKind, exitCode?: number): ContainerFailure | undefined {
    const vdcId = event.attributes[LABEL.vdc];
    const appliance = event.attributes[LABEL.appliance];
    if (!vdcId || !appliance) return undefined;
    return {
      containerId: event.id,
      container: event.attributes.name ?? event.id.slice(0, 12),
      vdcId,
      appliance,
      kind,
      exitCode,
      at: new Date(Number(BigInt(event.timeNano) / 1_000_000n)),
      key: `${event.id}:${event.timeNano}:${kind}`,
    };
  }
}

/** A failure in a few words: "out of memory", "exited with code 3", "health check failing". */
export function describeFailure(kind: FailureKind, exitCode?: number | null): string {
  if (kind === 'oom') return 'out of memory';
  if (kind === 'unhealthy') return 'health check failing';
  return exitCode === undefined || exitCode === null ? 'exited' : `exited with code ${exitCode}`;
}

/**
 * What is wrong with a container right now, as Docker shows it, or undefined when nothing is:
 * killed for memory (Docker keeps the mark until the next start), a failing health check, or
 * exited on its own and waiting for its restart.
 */
export function containerProblem(d: Pick<ContainerDetails, 'state' | 'health' | 'exitCode' | 'oomKilled' | 'lastHealthOutput'>): string | undefined {
  if (d.state === 'running') {
    if (d.health !== 'unhealthy') return undefined;
    const output = d.lastHealthOutput?.trim().split('\n').at(-1)?.slice(0, 200);
    return output ? `${describeFailure('unhealthy')}: ${output}` : describeFailure('unhealthy');
  }
  if (d.oomKilled) return describeFailure('oom');
  if (d.state === 'restarting' || d.state === 'dead') return `${d.state} after: ${describeFailure('exited', d.exitCode)}`;
  return undefined;
}
