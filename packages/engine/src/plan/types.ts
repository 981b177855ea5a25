// A deploy plan: ordered steps with the dependencies the executor follows.
import type { VdcIdentity } from '../desired/types';

/**
 * `reconfigure`: changed while it runs, connections kept: an edge listener re-pointed by a
 * seamless reload, or a container joining or leaving networks (a wire added or removed).
 */
export type PlanAction = 'create' | 'recreate' | 'remove' | 'start' | 'reconfigure';
/** `listener`: an edge listener (one published host port). */
export type PlanKind = 'network' | 'volume' | 'container' | 'listener';

export interface PlanStep {
  /** `<kind>:<name>`: one step per Docker object. */
  id: string;
  action: PlanAction;
  kind: PlanKind;
  name: string;
  appliance?: string;
  /** Why, in a few words a person reads in the plan: "new replica", "changed: env". */
  reason: string;
  /** Ids of steps that must be done first. */
  dependsOn: string[];
  /**
   * A replica replaced in a rolling update: the replica replaced just before it (healthy by
   * then). The step waits a moment more, for load balancers to see that one back, before it goes.
   */
  rollingAfter?: string;
}

export type PlanSummary = Record<PlanAction, number>;

/** The networks the VDC uses once deployed, per kind: each internal one takes a /24 of the pool. */
export interface PlanNetworks {
  wires: number;
  ingress: number;
  /** Bridges of the edge listeners, one per published port. */
  edge: number;
  /** Bridges of gateway appliances, one each. */
  egress: number;
}

export interface Plan {
  vdc: VdcIdentity;
  instance: string;
  revisionId: string;
  steps: PlanStep[];
  summary: PlanSummary;
  networks: PlanNetworks;
}
