// The worker's side of alerts: an evaluation every few seconds and after every failure the flap
// guard reports (its Docker event stream; no second one), then the due deliveries. One chain per
// worker, so its evaluations never overlap; other workers may run theirs at the same time.
import type { ContainerFailure } from '@colo/engine';
import { deliverDueAlerts } from './deliver-alerts';
import { alertOnFailure, evaluateAlerts } from './evaluate-alerts';

export interface AlertWatch {
  /** Told by the flap guard about each failure it handled. */
  onFailure(failure: ContainerFailure & { detail?: string }): void;
  /** One evaluation and delivery round now, after any already under way. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export function startAlertWatch(options: { intervalMs: number; log?: (line: string) => void }): AlertWatch {
  const log = options.log ?? (() => {});
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  const run = (step: () => Promise<unknown>, what: string): Promise<void> => {
    chain = chain.then(async () => {
      if (closed) return;
      try {
        await step();
      } catch (error) {
        log(`alerts: ${what} failed: ${(error as Error).message}`);
      }
    });
    return chain;
  };
  const deliver = () => deliverDueAlerts({ log });
  const tick = () => {
    void run(async () => {
      const e = await evaluateAlerts();
      if (e.opened + e.fired + e.resolved > 0) log(`alerts: ${e.opened} opened, ${e.fired} fired, ${e.resolved} resolved`);
    }, 'evaluation');
    return run(deliver, 'delivery');
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  void tick();
  return {
    onFailure(failure) {
      void run(() => alertOnFailure(failure), 'failure alert');
      // The guard may have flagged the appliance: the evaluation tells it now, not in 5 s.
      void tick();
    },
    tick,
    async close() {
      clearInterval(timer);
      closed = true;
      await chain;
    },
  };
}
