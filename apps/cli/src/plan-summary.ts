// One line that says what a plan would do: "plan: 2 to create, 0 to recreate, 1 to remove".
// Taken from the plan's own `summary` counts when it has them, else counted from its steps.

/** Undefined when the plan has neither counts nor a steps list (the text is all there is). */
export function summarizePlan(plan: unknown): string | undefined {
  const counts = planCounts(plan);
  if (!counts) return undefined;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return 'plan: no changes';
  return `plan: ${[...counts].map(([action, n]) => `${n} to ${action}`).join(', ')}`;
}

/** True when the server's plan text already ends with its own summary line. */
export function textHasSummary(text: string): boolean {
  const last = text.trimEnd().split('\n').pop() ?? '';
  return /^\s*(plan:|no changes)/i.test(last);
}

function planCounts(plan: unknown): Map<string, number> | undefined {
  if (!plan || typeof plan !== 'object') return undefined;
  const record = plan as { summary?: unknown; steps?: unknown };
  if (record.summary && typeof record.summary === 'object') {
    const entries = Object.entries(record.summary).filter((e): e is [string, number] => typeof e[1] === 'number');
    if (entries.length) return new Map(entries);
  }
  if (!Array.isArray(record.steps)) return undefined;
  const counts = new Map<string, number>();
  for (const step of record.steps) {
    const action = step && typeof step === 'object' && 'action' in step ? String(step.action) : 'change';
    counts.set(action, (counts.get(action) ?? 0) + 1);
  }
  return counts;
}
