// Which VDCs an entry can point at, and what a rollback would do, from the lists the page holds.
// The server decides for real (a running VDC exposing the terminal); these rules only keep the
// choices honest before asking. Pure, so they are unit-tested.
import type { EntryBody, VdcChoice } from './types';

export interface Choice {
  name: string;
  /** Why it cannot be chosen now, if it cannot. */
  disabled?: string;
}

function notRunning(vdc: VdcChoice): string | undefined {
  if (vdc.state === 'running') return undefined;
  return vdc.state === 'new' ? 'not deployed' : vdc.state;
}

/** VDCs for a new entry: running ones first, the others shown but not choosable. */
export function entryTargets(vdcs: VdcChoice[]): Choice[] {
  const choices = vdcs.map((v) => ({ name: v.name, disabled: notRunning(v) }));
  return [...choices.filter((c) => !c.disabled), ...choices.filter((c) => c.disabled)];
}

/** VDCs an entry may switch to: every other VDC, running ones choosable. */
export function switchTargets(entry: Pick<EntryBody, 'vdc'>, vdcs: VdcChoice[]): Choice[] {
  return entryTargets(vdcs.filter((v) => v.name !== entry.vdc));
}

export type Rollback = { to: string } | { to: string; disabled: string } | undefined;

/** Switching back to where the entry pointed before, if it pointed anywhere and that VDC can serve. */
export function rollbackOf(entry: Pick<EntryBody, 'vdc' | 'previousVdc'>, vdcs: VdcChoice[]): Rollback {
  const to = entry.previousVdc;
  if (!to || to === entry.vdc) return undefined;
  const vdc = vdcs.find((v) => v.name === to);
  if (!vdc) return { to, disabled: `${to} no longer exists` };
  const why = notRunning(vdc);
  return why ? { to, disabled: `${to} is ${why}` } : { to };
}

/** `appliance.terminal` of every exposed terminal in a manifest (what an entry can point at). */
export function exposedTerminals(manifest: unknown): string[] {
  const appliances = (manifest as { appliances?: unknown } | null)?.appliances;
  if (!Array.isArray(appliances)) return [];
  const out: string[] = [];
  for (const a of appliances) {
    const { name, expose, replicas } = (a ?? {}) as { name?: unknown; expose?: unknown; replicas?: unknown };
    if (typeof name !== 'string' || !Array.isArray(expose) || replicas === 0) continue;
    for (const e of expose) {
      const terminal = (e as { terminal?: unknown } | null)?.terminal;
      const ref = `${name}.${String(terminal)}`;
      if (typeof terminal === 'string' && !out.includes(ref)) out.push(ref);
    }
  }
  return out;
}

/** A port number as typed, if it is one an entry may use (1024–65535). */
export function parsePort(text: string): number | undefined {
  if (!/^\d{4,5}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= 1024 && n <= 65535 ? n : undefined;
}
