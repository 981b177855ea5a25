// Labels only swarm services carry (the rest are the single-host LABEL set, labels.ts).
export const SWARM_LABEL = {
  /** Replicas while the VDC runs: stop scales to 0 and start back to this, without the manifest. */
  replicas: 'colo.replicas',
  /** The node id a service is pinned to, chosen once by Colo (it holds the service's volumes). */
  node: 'colo.node',
} as const;
