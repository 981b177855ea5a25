// The worker's clock for schedules: fires what is due now, then every `intervalMs`. Any number of
// workers may tick at once; fireDueSchedules lets one of them win each run.
import { type FiredSchedule, fireDueSchedules } from './fire-schedules';

export interface ScheduleTicker {
  /** One tick now (also what the timer runs); resolves when it is done. */
  tick(): Promise<FiredSchedule[]>;
  close(): Promise<void>;
}

export function startScheduleTicker(options: { intervalMs: number; log: (line: string) => void; now?: () => Date }): ScheduleTicker {
  let running: Promise<FiredSchedule[]> | undefined;
  const tick = (): Promise<FiredSchedule[]> => {
    // A slow tick is not overlapped by the next one of this worker.
    running ??= fireDueSchedules(options.now?.() ?? new Date(), { log: options.log })
      .then((fired) => {
        for (const f of fired) options.log(`schedule ${f.scheduleId}: ${f.kind} of ${f.vdc} ${f.result}${f.operationId ? ` (${f.operationId})` : ''}`);
        return fired;
      })
      .catch((error) => {
        options.log(`schedule tick failed: ${(error as Error).message}`);
        return [];
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  void tick();
  return {
    tick,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
