// A deploy plan: ordered steps with the dependencies the executor follows.
import type { VdcIdentity } from '../desired/types';

export type PlanAction = 'create' | 'recreate' | 'remove' | 'start';
export type PlanKind = 'network' | 'volume' | 'container';

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
}

export type PlanSummary = Record<PlanAction, number>;

export interface Plan {
  vdc: VdcIdentity;
  instance: string;
  revisionId: string;
  steps: PlanStep[];
  summary: PlanSummary;
}
