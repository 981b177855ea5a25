// Wires: each valid on its own (wire-rules.ts), an output used at most once, and every mandatory
// output wired (only a warning while the drawing is being edited).
import { formatEndpoint } from '../endpoint';
import { checkWire } from '../wire-rules';
import type { RuleContext } from './rule-context';

export function checkConnections(ctx: RuleContext): void {
  const firstByOutput = new Map<string, number>();
  for (const connection of ctx.model.connections) {
    const { from, to, index } = connection;
    if (!from || !to) continue;
    for (const problem of checkWire(ctx.model, from, to).problems) {
      const path = problem.end === 'wire' ? ['connections', index] : ['connections', index, problem.end];
      ctx.issues.error(path, problem.message);
    }
    const key = formatEndpoint(from);
    const first = firstByOutput.get(key);
    if (first === undefined) firstByOutput.set(key, index);
    else {
      ctx.issues.error(
        ['connections', index, 'from'],
        `output "${key}" is already connected by connections[${first}]; an output connects to exactly one input`,
      );
    }
  }

  for (const entry of ctx.model.appliances) {
    if (!entry.cls || entry.name === undefined) continue;
    for (const output of entry.cls.terminals.outputs) {
      if (!output.mandatory || firstByOutput.has(`${entry.name}.${output.name}`)) continue;
      const message = `mandatory output "${entry.name}.${output.name}" is not connected`;
      if (ctx.mode === 'edit') ctx.issues.warning(['appliances', entry.index], message);
      else ctx.issues.error(['appliances', entry.index], message);
    }
  }
}
