// `appliance.terminal` strings, as connections write them.
import { ENDPOINT } from './manifest-schema';
import type { TerminalRef } from './resolved';

/** `"web.db"` → `{ appliance: "web", terminal: "db" }`; undefined when it is not that shape. */
export function parseEndpoint(text: string): TerminalRef | undefined {
  const match = ENDPOINT.exec(text);
  return match ? { appliance: match[1], terminal: match[3] } : undefined;
}

export function formatEndpoint(ref: TerminalRef): string {
  return `${ref.appliance}.${ref.terminal}`;
}
