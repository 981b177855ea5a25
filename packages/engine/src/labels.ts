// Label keys Colo puts on every Docker object it owns, and the filters that find them again.

export const LABEL = {
  managed: 'colo.managed',
  instance: 'colo.instance',
  vdc: 'colo.vdc',
  revision: 'colo.revision',
  appliance: 'colo.appliance',
  replica: 'colo.replica',
  class: 'colo.class',
  spec: 'colo.spec',
  /** Per-part hashes behind `colo.spec`, so a plan can say what changed. */
  specParts: 'colo.spec-parts',
  terminal: 'colo.terminal',
  /** On a wire network: the client appliance and its output (`colo.appliance` is the server). */
  client: 'colo.client',
  output: 'colo.output',
  /** `wire`, `ingress`, `edge` (networks); `edge` (listener containers). */
  role: 'colo.role',
  /** The host port an edge listener publishes. */
  edgePort: 'colo.edge-port',
  volume: 'colo.volume',
  /** Appliances this one boots after (its servers and `startAfter`), comma-separated. */
  after: 'colo.after',
  /** `true` on containers of a standby appliance: created, not started by deploy or start. */
  standby: 'colo.standby',
  /** Published terminals, `terminal=containerPort` comma-separated, for status. */
  expose: 'colo.expose',
  /** On a snapshot's volumes: the snapshot, and the VDC it was taken of (never `colo.vdc`, so a VDC's purge leaves them). */
  snapshot: 'colo.snapshot',
  snapshotOf: 'colo.snapshot-of',
  /** On a volume-tool container: the operation that runs it. */
  operation: 'colo.operation',
} as const;

export interface VdcScope {
  instance: string;
  vdcId: string;
}

/** Labels every object of a VDC carries. */
export function baseLabels(scope: VdcScope, revisionId: string): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.instance]: scope.instance,
    [LABEL.vdc]: scope.vdcId,
    [LABEL.revision]: revisionId,
  };
}

/** Docker `label=` filters selecting exactly one VDC of one Colo installation. */
export function vdcLabelFilter(scope: VdcScope): string[] {
  return [`${LABEL.managed}=true`, `${LABEL.instance}=${scope.instance}`, `${LABEL.vdc}=${scope.vdcId}`];
}

/** Docker `label=` filters selecting every edge listener of one Colo installation. */
export function listenerLabelFilter(instance: string): string[] {
  return [`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`, `${LABEL.role}=edge`];
}

/** Whether an object's labels say it belongs to this VDC of this installation. */
export function belongsTo(labels: Record<string, string> | undefined, scope: VdcScope): boolean {
  return labels?.[LABEL.managed] === 'true' && labels[LABEL.instance] === scope.instance && labels[LABEL.vdc] === scope.vdcId;
}
