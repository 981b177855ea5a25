// Published ports: only input terminals that listen on a port, each exposed once, host ports in
// the allowed range, each used once in the VDC and not held by anything else.
import type { RuleContext } from './rule-context';

export function checkExpose(ctx: RuleContext): void {
  const firstUse = new Map<number, string>();
  for (const entry of ctx.model.appliances) {
    // One terminal, one published port: the edge proxy serves a terminal on exactly one port.
    const exposedAt = new Map<string, number>();
    for (const item of entry.expose) {
      const base = ['appliances', entry.index, 'expose', item.index];
      const cls = entry.cls;
      const earlier = exposedAt.get(item.terminal);
      if (earlier !== undefined) {
        ctx.issues.error(
          [...base, 'terminal'],
          `terminal "${item.terminal}" is already exposed by expose[${earlier}]; expose each terminal once`,
        );
      } else {
        exposedAt.set(item.terminal, item.index);
      }
      if (cls) {
        const input = cls.terminals.inputs.find((t) => t.name === item.terminal);
        const path = [...base, 'terminal'];
        if (input === undefined) {
          if (cls.terminals.outputs.some((t) => t.name === item.terminal)) {
            ctx.issues.error(path, `"${item.terminal}" is an output of class "${cls.id}"; only input terminals can be exposed`);
          } else {
            const inputs = () => cls.terminals.inputs.map((t) => t.name);
            const set = `inputs of ${cls.id}@${cls.version}`;
            ctx.issues.error(path, () => `class "${cls.id}" has no input "${item.terminal}"${ctx.model.suggestions.didYouMean(set, item.terminal, inputs)}`);
          }
        } else if (input.protocol === 'fs') {
          ctx.issues.error(path, `"${item.terminal}" is a shared volume (fs), not a network service; it cannot be exposed`);
        } else if (input.port === undefined) {
          ctx.issues.error(path, `input "${item.terminal}" of class "${cls.id}" declares no port to publish`);
        }
      }

      const portPath = [...base, 'port'];
      const { min, max } = ctx.portRange;
      const where = `${entry.name ?? `appliances[${entry.index}]`}.${item.terminal}`;
      if (item.port < min || item.port > max) {
        ctx.issues.error(portPath, `host port ${item.port} is outside the allowed range ${min}–${max}`);
      } else if (firstUse.has(item.port)) {
        ctx.issues.error(portPath, `host port ${item.port} is already exposed by ${firstUse.get(item.port)} in this VDC`);
      } else {
        const holder = ctx.takenPorts.get(item.port);
        if (holder !== undefined) ctx.issues.error(portPath, `host port ${item.port} is already used by ${holder}`);
      }
      if (!firstUse.has(item.port)) firstUse.set(item.port, where);
    }
  }
}
