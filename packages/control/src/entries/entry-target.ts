// Which exposed terminal of a VDC an entry points at. An entry reaches a VDC the way the VDC's
// own published port does, over the ingress network of an exposed terminal, so only exposed
// terminals can be targets. A VDC with one exposed terminal needs no choice; a switch keeps the
// terminal the entry had (a clone has the same appliances), unless told otherwise.
import { ColoError } from '../errors';

export interface TerminalRef {
  appliance: string;
  terminal: string;
}

/** `appliance.terminal` of every expose in a stored manifest, in manifest order. */
export function exposedRefs(manifest: unknown): TerminalRef[] {
  const refs: TerminalRef[] = [];
  const appliances = (manifest as { appliances?: unknown } | null)?.appliances;
  if (!Array.isArray(appliances)) return refs;
  for (const a of appliances) {
    const { name, expose, replicas } = (a ?? {}) as { name?: unknown; expose?: unknown; replicas?: unknown };
    if (typeof name !== 'string' || !Array.isArray(expose) || replicas === 0) continue;
    for (const e of expose) {
      const terminal = (e as { terminal?: unknown } | null)?.terminal;
      if (typeof terminal === 'string' && !refs.some((r) => r.appliance === name && r.terminal === terminal)) refs.push({ appliance: name, terminal });
    }
  }
  return refs;
}

/** Parses `appliance.terminal` as a user types it (`--target web.in`). */
export function parseTerminalRef(text: string): TerminalRef {
  const m = /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)$/.exec(text);
  if (!m) throw new ColoError('bad_request', `target: "${text}" is not appliance.terminal (e.g. lb.in)`);
  return { appliance: m[1], terminal: m[2] };
}

const show = (r: TerminalRef) => `${r.appliance}.${r.terminal}`;

/**
 * The terminal to point at in `vdcName`'s manifest: the one asked for, else the entry's current
 * one if the VDC exposes it too, else the VDC's only exposed terminal.
 */
export function chooseTarget(vdcName: string, manifest: unknown, asked?: TerminalRef, current?: TerminalRef): TerminalRef {
  const refs = exposedRefs(manifest);
  const has = (r: TerminalRef) => refs.some((x) => x.appliance === r.appliance && x.terminal === r.terminal);
  const listing = refs.length > 0 ? `it exposes ${refs.map(show).join(', ')}` : 'it exposes no terminal (an entry needs an `expose` to point at)';
  if (asked) {
    if (has(asked)) return asked;
    throw new ColoError('bad_request', `target: VDC "${vdcName}" does not expose ${show(asked)}: ${listing}`);
  }
  if (current && has(current)) return current;
  if (refs.length === 1) return refs[0];
  throw new ColoError('bad_request', `target: say which terminal of VDC "${vdcName}" the entry points at (--target appliance.terminal): ${listing}`);
}
