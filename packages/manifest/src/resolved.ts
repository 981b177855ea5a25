// A manifest after validation, with every class looked up and every default applied: the input
// the engine turns into Docker objects. Produced by `resolveManifest` (resolve.ts).
import type { ApplianceClass } from './class-schema';

export type PropertyValue = string | number | boolean;

export interface ResolvedAppliance {
  name: string;
  /** The class object this appliance runs (the pinned version, or the latest). */
  class: ApplianceClass;
  replicas: number;
  resources: { cpu: number; memoryBytes: number };
  /** Every class property that has a value, defaults applied. */
  properties: Record<string, PropertyValue>;
  /** `node`: on a swarm, where the port is published (a hostname or `label:key=value`). */
  expose: { terminal: string; port: number; node?: string }[];
  standby: boolean;
  startAfter: string[];
  /** On a swarm: failover group and node; absent when not written (placement.ts). */
  placement?: { group?: string; node?: string };
}

export interface TerminalRef {
  appliance: string;
  terminal: string;
}

export interface ResolvedConnection {
  from: TerminalRef; // client appliance + output terminal
  to: TerminalRef; // server appliance + input terminal
}

export interface ResolvedManifest {
  name: string;
  appliances: ResolvedAppliance[];
  connections: ResolvedConnection[];
}
