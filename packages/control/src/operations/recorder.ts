// Writes what an operation is doing into Postgres as it happens: its steps, progress and log
// lines. Engine events arrive as synchronous callbacks, from steps running in parallel; writes
// are chained so they land in order, and `flush()` waits for all of them. Every write checks the
// run's fence (fence.ts): once a run is overtaken, nothing it records lands, and it stops trying.
import type { Prisma } from '@colo/db';
import { ColoError } from '../errors';
import { isFenced, type RunFence, withFence } from './fence';

export interface StepDef {
  key: string;
  title: string;
}

/** Progress saved while steps run stays below 100: only success says 100. */
const PROGRESS_CEILING = 99;

export class OperationRecorder {
  private chain: Promise<void> = Promise.resolve();
  private pending: ((tx: Prisma.TransactionClient) => Promise<unknown>)[] = [];
  private secrets: string[] = [];
  private failure: unknown;
  /** Set once a write found the fence gone: sticky, unlike `failure`, which flush() hands over once. */
  private fencedWith: unknown;
  private total = 0;
  private finished = new Set<string>();
  /** The highest percent written so far. */
  private reported = 0;
  /** The steps defined last fill the percent from `base` to `ceiling`. */
  private base = 0;
  private ceiling = PROGRESS_CEILING;

  /** `steps` (finished, maybe fractional) of the steps defined last, as the operation's percent. */
  private percent(steps: number): number {
    return Math.min(this.ceiling, Math.round(this.base + (steps / this.total) * (this.ceiling - this.base)));
  }

  /**
   * Without a `run` the recorder only redacts (the live views use it so); writing then throws.
   * `onFenced` hears once that the run lost its fence, so the run can stop at once.
   */
  constructor(
    readonly operationId: string,
    private readonly echo: (line: string) => void = () => {},
    private readonly run?: RunFence,
    private readonly onFenced: (error: unknown) => void = () => {},
  ) {}

  /** One fenced transaction; after a fenced failure, nothing more is attempted. */
  private write<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    const run = this.run;
    if (!run) return Promise.reject(new ColoError('internal', `recorder of ${this.operationId} has no run to write for`));
    if (this.fencedWith) return Promise.reject(this.fencedWith);
    return withFence(run, fn).catch((err) => {
      if (isFenced(err) && !this.fencedWith) {
        this.fencedWith = err;
        this.onFenced(err);
      }
      throw err;
    });
  }

  /**
   * Queues a write. Writes queued while an earlier batch is in flight go together in the next
   * transaction (one fence check for all of them, in order): parallel steps report many events.
   */
  private enqueue(fn: (tx: Prisma.TransactionClient) => Promise<unknown>): void {
    this.pending.push(fn);
    if (this.pending.length > 1) return; // a drain is already queued and will take this one
    this.chain = this.chain.then(async () => {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.write(async (tx) => {
          for (const write of batch) await write(tx);
        });
      } catch (err) {
        // A fenced write outranks any earlier failure: it says why the run must stop.
        if (isFenced(err) || this.failure === undefined) this.failure = err;
      }
    });
  }

  /** Waits for every write so far; rethrows the first one that failed. */
  async flush(): Promise<void> {
    await this.chain;
    if (this.failure) {
      const err = this.failure;
      this.failure = undefined;
      throw err;
    }
  }

  /**
   * Values never to be written anywhere: the VDC's secrets. Engine messages can carry a failing
   * container's last log lines, and an application may print its own password there.
   */
  redactValues(values: Iterable<string>): void {
    for (const v of values) if (v.length >= 4 && !this.secrets.includes(v)) this.secrets.push(v);
    // Longest first, so a secret containing another is replaced whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const v of this.secrets) out = out.split(v).join('[secret]');
    return out;
  }

  log(raw: string): void {
    const message = this.redact(raw);
    this.echo(message);
    const operationId = this.operationId;
    this.enqueue((tx) => tx.operationLog.create({ data: { operationId, message } }));
  }

  /**
   * The steps of this attempt, in order. A re-run after a crash plans again: steps it plans anew
   * start over as pending, earlier steps it no longer needs are kept as done or marked skipped.
   */
  async defineSteps(steps: StepDef[], opts: { done?: StepDef[]; upTo?: number } = {}): Promise<void> {
    await this.flush();
    // Steps this run finished already (a restore's copy before its deploy) lead the list as they
    // are; the new steps fill the percent from where it stands to `upTo` (so it never goes back).
    const done = opts.done ?? [];
    this.base = done.length > 0 ? this.reported : 0;
    this.ceiling = Math.max(this.base, Math.min(PROGRESS_CEILING, opts.upTo ?? PROGRESS_CEILING));
    this.total = steps.length;
    this.finished.clear();
    const operationId = this.operationId;
    const keys = [...done, ...steps].map((s) => s.key);
    const progress = steps.length === 0 ? this.ceiling : Math.max(1, this.base);
    await this.write(async (tx) => {
      await tx.operationStep.updateMany({
        where: { operationId, key: { notIn: keys }, status: { in: ['pending', 'running', 'failed'] } },
        data: { status: 'skipped' },
      });
      for (const [order, s] of done.entries()) {
        await tx.operationStep.updateMany({ where: { operationId, key: s.key }, data: { order } });
      }
      for (const [i, s] of steps.entries()) {
        const order = done.length + i;
        await tx.operationStep.upsert({
          where: { operationId_key: { operationId, key: s.key } },
          create: { operationId, key: s.key, title: s.title, order },
          update: { title: s.title, order, status: 'pending', error: null, startedAt: null, finishedAt: null },
        });
      }
      await tx.operation.update({ where: { id: operationId }, data: { progress } });
    });
    this.reported = progress;
  }

  /**
   * Progress inside one long step (a volume copy): `fraction` of step `index` (0-based) of the
   * steps defined, so the operation's percent moves while the step runs. Never goes back.
   */
  stepProgress(index: number, fraction: number): void {
    if (this.total === 0) return;
    const pct = this.percent(index + Math.max(0, Math.min(1, fraction)));
    if (pct <= this.reported) return;
    this.reported = pct;
    const operationId = this.operationId;
    this.enqueue((tx) => tx.operation.updateMany({ where: { id: operationId, progress: { lt: pct } }, data: { progress: pct } }));
  }

  stepStarted(key: string, title?: string): void {
    this.echo(`start ${title ?? key}`);
    this.updateStep(key, { status: 'running', startedAt: new Date() });
  }

  stepDone(key: string, title?: string): void {
    this.echo(`done  ${title ?? key}`);
    this.updateStep(key, { status: 'done', finishedAt: new Date(), error: null });
    this.countFinished(key);
  }

  stepSkipped(key: string): void {
    this.updateStep(key, { status: 'skipped', finishedAt: new Date() });
    this.countFinished(key);
  }

  stepFailed(key: string, raw: string, title?: string): void {
    const error = this.redact(raw);
    this.echo(`fail  ${title ?? key}: ${error}`);
    this.updateStep(key, { status: 'failed', finishedAt: new Date(), error });
  }

  private updateStep(key: string, data: { status: 'running' | 'done' | 'failed' | 'skipped'; startedAt?: Date; finishedAt?: Date; error?: string | null }): void {
    const operationId = this.operationId;
    this.enqueue((tx) => tx.operationStep.updateMany({ where: { operationId, key }, data }));
  }

  private countFinished(key: string): void {
    if (this.finished.has(key)) return;
    this.finished.add(key);
    if (this.total > 0) {
      const pct = Math.max(1, this.percent(this.finished.size));
      if (pct > this.reported) this.reported = pct;
      const operationId = this.operationId;
      this.enqueue((tx) => tx.operation.update({ where: { id: operationId }, data: { progress: pct } }));
    }
  }
}
