// bench/snapshot's stopwatch inside a copy: Docker's own event stream (its clock, to the
// nanosecond) for the bench's objects, read back per copy as where the time went: the volume
// tool's start, each exec it ran, the writers' pause and unpause, the tool's removal.
import { LABEL } from '@colo/engine';
import type Dockerode from 'dockerode';

interface DockerEvent {
  /** ms since the epoch. */
  at: number;
  action: string;
  container: string;
  operation?: string;
  execId?: string;
}

export class EventTrace {
  private events: DockerEvent[] = [];
  private constructor(private stream: NodeJS.ReadableStream & { destroy?: () => void }) {}

  static async open(docker: Dockerode, instance: string): Promise<EventTrace> {
    const stream = (await docker.getEvents({ filters: { label: [`${LABEL.instance}=${instance}`] } })) as NodeJS.ReadableStream;
    const trace = new EventTrace(stream);
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) trace.add(JSON.parse(line));
    });
    stream.on('error', () => undefined);
    return trace;
  }

  private add(e: { Type?: string; Action?: string; timeNano?: number; Actor?: { ID?: string; Attributes?: Record<string, string> } }): void {
    if (e.Type !== 'container' || !e.Action || !e.timeNano) return;
    const attrs = e.Actor?.Attributes ?? {};
    this.events.push({ at: e.timeNano / 1e6, action: e.Action.trim(), container: e.Actor?.ID ?? '', operation: attrs[LABEL.operation], execId: attrs.execID });
  }

  close(): void {
    this.stream.destroy?.();
  }

  /** Lets the events of a copy that just returned arrive (Docker sends them a moment later). */
  async settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 300));
  }

  /**
   * The copy run by `operationId`, which was called at `t0` (epoch ms) and returned at `t1`;
   * `pauseAt` is when it reported pausing its writers (epoch ms), if it had any.
   */
  breakdown(operationId: string, t0: number, t1: number, pauseAt?: number): CopyBreakdown | undefined {
    // A tool of the operation's own carries its label; in the warm tool, its execs carry its tag.
    const tag = `COLO_COPY_TAG=${operationId} `;
    const warmExecs = new Set(this.events.filter((e) => e.execId && e.action.startsWith('exec_create:') && e.action.includes(tag)).map((e) => e.execId));
    const own = this.events.filter((e) => e.operation === operationId || (e.execId && warmExecs.has(e.execId)));
    const warm = warmExecs.size > 0;
    const created = own.find((e) => e.action === 'create');
    const execs = new Map<string, { cmd: string; start?: number; end?: number }>();
    for (const e of own) {
      if (!e.execId) continue;
      const x = execs.get(e.execId) ?? { cmd: '' };
      if (e.action.startsWith('exec_create:')) x.cmd = e.action.slice('exec_create:'.length).trim().replace(/^env COLO_COPY_TAG=\S+ /, '');
      if (e.action.startsWith('exec_start:')) x.start = e.at;
      if (e.action === 'exec_die') x.end = e.at;
      execs.set(e.execId, x);
    }
    const firstExec = Math.min(...[...execs.values()].map((x) => x.start ?? Number.POSITIVE_INFINITY));
    // The warm tool runs already: "up" is the call until its first exec.
    const started = warm ? { at: firstExec } : own.find((e) => e.action === 'start');
    const killed = warm ? undefined : own.find((e) => e.action === 'kill');
    const destroyed = warm ? undefined : own.find((e) => e.action === 'destroy');
    if (!started || !Number.isFinite(started.at) || (!warm && !created)) return undefined;
    const list = [...execs.values()].filter((x) => x.start !== undefined && x.end !== undefined) as { cmd: string; start: number; end: number }[];
    const of = (verb: string, dir?: string) => list.filter((x) => x.cmd.startsWith(`colo-copy-volume ${verb}`) && (!dir || x.cmd.includes(dir)));
    const span = (xs: { start: number; end: number }[]) => (xs.length ? Math.max(...xs.map((x) => x.end)) - Math.min(...xs.map((x) => x.start)) : 0);
    const full = of('full');
    const measure = of('probe');
    const syncs = of('sync');
    const inWindow = this.events.filter((e) => e.at >= t0 && e.at <= t1 && !e.operation);
    const pauses = inWindow.filter((e) => e.action === 'pause');
    const unpauses = inWindow.filter((e) => e.action === 'unpause');
    const fullEnd = full.length ? Math.max(...full.map((x) => x.end)) : started.at;
    const next = pauseAt ?? killed?.at ?? (warm ? fullEnd : t1);
    return {
      warm,
      toolUpMs: started.at - t0,
      toolStartMs: created ? started.at - created.at : 0,
      measureMs: measure.length ? Math.max(...measure.map((x) => x.end)) - started.at : 0,
      fullMs: span(full),
      fullEachMs: full.map((x) => x.end - x.start),
      idleAfterFullMs: next - fullEnd,
      progressExecs: of('usage').length,
      pauseCallMs: pauses.length && pauseAt ? Math.max(...pauses.map((e) => e.at)) - pauseAt : 0,
      syncMs: span(syncs),
      syncEachMs: syncs.map((x) => x.end - x.start),
      unpauseMs: unpauses.length && syncs.length ? Math.max(...unpauses.map((e) => e.at)) - Math.max(...syncs.map((x) => x.end)) : 0,
      removeMs: killed && destroyed ? destroyed.at - killed.at : 0,
      afterToolMs: destroyed ? t1 - destroyed.at : 0,
      execs: list.length,
    };
  }
}

/** Milliseconds, from Docker's events. */
export interface CopyBreakdown {
  /** Run in the host's warm tool (no container of its own to start and remove). */
  warm: boolean;
  /** From the call to the volume tool running (target volumes made, tool created and started). */
  toolUpMs: number;
  /** Of that, Docker's create → start. */
  toolStartMs: number;
  /** The tool running → the sources probed and measured (`probe`, `usage /src`). */
  measureMs: number;
  /** First `full` exec started → last ended, and each one's. */
  fullMs: number;
  fullEachMs: number[];
  /** Last `full` ended → the writers' pause began (or the tool's kill, without writers): waiting, nothing copied. */
  idleAfterFullMs: number;
  /** `usage /dst` execs run for progress while copying. */
  progressExecs: number;
  /** Asked to pause the writers → the last one paused. */
  pauseCallMs: number;
  /** First `sync` exec started → last ended, and each one's. */
  syncMs: number;
  syncEachMs: number[];
  /** Last `sync` ended → last writer unpaused. */
  unpauseMs: number;
  /** The tool's kill → destroy, and destroy → the call returning. */
  removeMs: number;
  afterToolMs: number;
  execs: number;
}
