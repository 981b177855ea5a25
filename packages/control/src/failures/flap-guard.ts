// The flap guard: watches this installation's containers on the Docker engine (one event stream,
// filtered by `colo.instance`), records every failure Docker's restart policy is answering, and
// stops an appliance that fails too often (record-failure.ts) instead of letting it flap.
// Runs in every worker; the records are keyed by Docker's event, so two workers store one.
import { getPrisma } from '@colo/db';
import { type ContainerFailure, FAILURE_EVENT_ACTIONS, FailureDetector, LABEL, SHARE_LABEL } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { vdcRedactor } from '../live/vdc-redactor';
import { type RecordOutcome, recordFailure } from './record-failure';

export interface FlapGuard {
  /** Stops watching and waits for the failures already seen to be written. */
  close(): Promise<void>;
}

export interface FlapGuardOptions {
  log?: (line: string) => void;
  /** Told about every failure after it was handled (tests, the bench). */
  onFailure?: (failure: ContainerFailure, outcome: RecordOutcome) => void;
}

/** Tries to write one failure while Postgres is away (restarting): about a minute in all. */
const WRITE_TRIES = 12;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startFlapGuard(options: FlapGuardOptions = {}): FlapGuard {
  const log = options.log ?? (() => {});
  const detector = new FailureDetector();
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  async function healthDetail(failure: ContainerFailure): Promise<string | undefined> {
    if (failure.kind !== 'unhealthy') return undefined;
    const details = await getRuntime().inspectContainer(failure.containerId).catch(() => undefined);
    const output = details?.lastHealthOutput?.trim().split('\n').at(-1)?.slice(0, 200);
    if (!output) return undefined;
    const vdc = await getPrisma().vdc.findUnique({ where: { id: failure.vdcId }, select: { id: true, secrets: true } });
    try {
      return vdc ? vdcRedactor(vdc)(output) : undefined;
    } catch {
      return undefined; // undecryptable secrets: better no detail than a leaked one
    }
  }

  async function handle(failure: ContainerFailure): Promise<void> {
    const detail = await healthDetail(failure).catch(() => undefined);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await recordFailure({ ...failure, detail });
        if (result.outcome === 'flagged') log(`flap guard: stopping ${failure.appliance} of ${failure.vdcId}, ${result.reason} (${result.operationId})`);
        else if (result.outcome === 'recorded') log(`flap guard: ${failure.container} failed (${failure.kind})`);
        options.onFailure?.(failure, result.outcome);
        return;
      } catch (error) {
        if (attempt >= WRITE_TRIES || closed) {
          log(`flap guard: could not record a failure of ${failure.container}: ${(error as Error).message}`);
          return;
        }
        await sleep(Math.min(500 * 2 ** attempt, 8000));
      }
    }
  }

  const watch = getRuntime().watchContainerEvents({
    labels: [`${LABEL.managed}=true`, `${LABEL.instance}=${engineConfig().instance}`],
    actions: FAILURE_EVENT_ACTIONS,
    onEvent: (event) => {
      // A swarm share's server or mounter carries its NAS appliance's labels, but is Colo's own
      // machinery (kept by the shares subsystem): its health is not the appliance's.
      if (event.attributes[SHARE_LABEL.share]) return;
      const failure = detector.feed(event);
      if (!failure) return;
      chain = chain.then(() => handle(failure));
    },
    onConnection: ({ connected, error }) => log(connected ? 'flap guard: watching container events' : `flap guard: lost the Docker event stream (${error}); reconnecting`),
  });

  return {
    async close() {
      closed = true;
      watch.close();
      await chain;
    },
  };
}
