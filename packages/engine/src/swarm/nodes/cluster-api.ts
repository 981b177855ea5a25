// What Colo needs of a Docker Swarm, over the one Docker endpoint it already uses: whether that
// engine is a swarm manager, forming a swarm on it, the join command for new machines, the nodes
// with what runs on each, and the few changes an operator makes to a node. Apps and control see
// this interface only; `createDockerCluster` is the dockerode implementation.

/** How the engine Colo talks to takes part in a swarm. `single`: in none (or not yet/any more). */
export type ClusterMode = 'single' | 'worker' | 'manager';
export type NodeRole = 'manager' | 'worker';
/** Docker's `disconnected` counts as down: the manager has lost the node either way. */
export type NodeState = 'ready' | 'down' | 'unknown';
export type NodeAvailability = 'active' | 'pause' | 'drain';

/** The machine under the engine Colo talks to (what a single host shows). */
export interface HostInfo {
  hostname: string;
  cpus: number;
  memoryBytes: number;
  engineVersion: string;
}

export interface ClusterStatus {
  mode: ClusterMode;
  /** Docker's own word: inactive, pending, active, error, locked. */
  localState: string;
  /** This engine's node id in the swarm (absent in single mode). */
  nodeId?: string;
  /** `host:port` other machines join (a manager's advertised address). */
  managerAddress?: string;
  /** What Docker reports as wrong with its swarm membership, when anything. */
  error?: string;
  host: HostInfo;
}

export interface InitOptions {
  /** The address other nodes reach this one on; Docker picks it when the machine has one. */
  advertiseAddress?: string;
  /** The overlay networks' pool (a CIDR); by default one that collides with nothing on this engine. */
  addressPool?: string;
  /** Each overlay network's prefix length within the pool (24 unless told). */
  subnetSize?: number;
}

export interface JoinCommand {
  role: NodeRole;
  token: string;
  managerAddress: string;
  /** What to run on the new machine, as typed. */
  command: string;
}

/** One service's tasks on one node (a Colo appliance when `vdc`/`appliance` are set). */
export interface NodeRun {
  service: string;
  /** The service's `colo.managed` label is `true`. */
  colo: boolean;
  instance?: string;
  vdc?: string;
  appliance?: string;
  /** Held to this node by a placement constraint (its data lives here): a drain cannot move it. */
  pinned: boolean;
  tasks: { id: string; slot?: number; state: string }[];
}

export interface ClusterNode {
  id: string;
  hostname: string;
  role: NodeRole;
  leader: boolean;
  state: NodeState;
  availability: NodeAvailability;
  address: string;
  cpus: number;
  memoryBytes: number;
  labels: Record<string, string>;
  engineVersion: string;
  /** Tasks whose desired state is running, grouped by service. */
  runs: NodeRun[];
}

export interface LabelChange {
  add?: Record<string, string>;
  remove?: string[];
}

export interface ClusterApi {
  status(): Promise<ClusterStatus>;
  /** Forms a new swarm with this engine its first manager; refused when it is in one already. */
  init(options?: InitOptions): Promise<ClusterStatus>;
  /** Uses the swarm this engine already manages; refused when it is not a manager. */
  adopt(): Promise<ClusterStatus>;
  joinCommand(role?: NodeRole): Promise<JoinCommand>;
  listNodes(): Promise<ClusterNode[]>;
  /** A node by id, unique id prefix or hostname. */
  node(ref: string): Promise<ClusterNode>;
  setAvailability(ref: string, availability: NodeAvailability): Promise<ClusterNode>;
  setLabels(ref: string, change: LabelChange): Promise<ClusterNode>;
  /**
   * Takes a node out of the swarm's list. Refused for a manager, and for a node still up unless
   * it is drained and runs no Colo task; a node that is down and still holds Colo tasks needs `force`.
   */
  removeNode(ref: string, options?: { force?: boolean }): Promise<void>;
}
