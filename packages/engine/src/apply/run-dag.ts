// Runs tasks that depend on each other: each as soon as its dependencies are done, at most
// `concurrency` at a time. A failure skips everything downstream of it; others go on.

export interface DagTask {
  id: string;
  dependsOn: string[];
}

export type TaskOutcome = { status: 'done'; message: string } | { status: 'failed' | 'skipped'; message: string; error?: unknown };

export interface RunDagOptions<T extends DagTask> {
  concurrency: number;
  signal?: AbortSignal;
  onStart?(task: T): void;
  onFinish?(task: T, outcome: TaskOutcome): void;
}

export async function runDag<T extends DagTask>(
  tasks: T[],
  run: (task: T) => Promise<string>,
  { concurrency, signal, onStart, onFinish }: RunDagOptions<T>,
): Promise<Map<string, TaskOutcome>> {
  const outcomes = new Map<string, TaskOutcome>();
  const waiting = new Set(tasks);
  let running = 0;

  const finish = (task: T, outcome: TaskOutcome) => {
    outcomes.set(task.id, outcome);
    onFinish?.(task, outcome);
  };

  return new Promise((resolve) => {
    const pump = () => {
      // Skip whatever depends on a failure, transitively (repeat until nothing changes).
      for (let changed = true; changed; ) {
        changed = false;
        for (const task of waiting) {
          const bad = task.dependsOn.find((d) => {
            const s = outcomes.get(d)?.status;
            return s === 'failed' || s === 'skipped';
          });
          if (bad !== undefined) {
            waiting.delete(task);
            finish(task, { status: 'skipped', message: `not run: ${bad} did not complete` });
            changed = true;
          }
        }
      }
      if (!signal?.aborted) {
        for (const task of [...waiting]) {
          if (running >= concurrency || signal?.aborted) break;
          if (!task.dependsOn.every((d) => outcomes.get(d)?.status === 'done' || !tasks.some((t) => t.id === d))) continue;
          waiting.delete(task);
          running++;
          onStart?.(task);
          run(task).then(
            (message) => settle(task, { status: 'done', message }),
            (error: unknown) => settle(task, { status: 'failed', message: errorMessage(error), error }),
          );
        }
      }
      if (running === 0) {
        for (const task of waiting) finish(task, { status: 'skipped', message: 'not run: operation aborted' });
        waiting.clear();
        resolve(outcomes);
      }
    };
    const settle = (task: T, outcome: TaskOutcome) => {
      running--;
      finish(task, outcome);
      pump();
    };
    pump();
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
