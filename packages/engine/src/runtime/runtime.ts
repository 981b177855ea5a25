// What the engine needs from a container engine, and nothing more. Everything that reaches
// Docker goes through this interface, so a test can wrap it (e.g. to count mutating calls).
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { ContainerStats } from './container-stats';
import type { EventWatch, WatchEventsOptions } from './watch-events';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
/** Docker health status; `none` when the container has no health check. */
export type HealthState = 'starting' | 'healthy' | 'unhealthy' | 'none';

export interface PublishedPort {
  containerPort: number;
  hostIp: string;
  hostPort: number;
}

export interface ContainerSummary {
  id: string;
  name: string;
  /** The image reference the container was created from (a tag). */
  image: string;
  imageId: string;
  labels: Record<string, string>;
  state: ContainerState;
  health: HealthState;
  /** Names of the networks the container is attached to. */
  networks: string[];
  ports: PublishedPort[];
  /** Names of the named volumes it mounts. */
  volumes: string[];
}

export interface ContainerDetails extends ContainerSummary {
  restartCount: number;
  exitCode: number;
  /** The kernel killed its process for memory (kept until the next start). */
  oomKilled: boolean;
  /** Output of the last health check run, if any. */
  lastHealthOutput?: string;
  /** Aliases per attached network. */
  aliases: Record<string, string[]>;
  /** IPv4 address per attached network. */
  addresses: Record<string, string>;
}

export interface NetworkSummary {
  id: string;
  name: string;
  internal: boolean;
  labels: Record<string, string>;
}

export interface VolumeSummary {
  name: string;
  labels: Record<string, string>;
  /** `local` unless a plugin's. */
  driver?: string;
  /** Where the daemon sees its content (`local`: `<data root>/volumes/<name>/_data`). */
  mountpoint?: string;
  /** The driver's options: a `local` volume with any (a bind, NFS…) is not a plain directory. */
  driverOptions?: Record<string, string>;
}

export interface NetworkSpec {
  name: string;
  internal: boolean;
  labels: Record<string, string>;
  /** Bridge driver options, e.g. `com.docker.network.bridge.inhibit_ipv4`. */
  options?: Record<string, string>;
}

export interface VolumeSpec {
  name: string;
  labels: Record<string, string>;
}

export interface WaitHealthyOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** How often to look; defaults to 250 ms. */
  pollMs?: number;
}

export interface ExecResult {
  exitCode: number;
  output: string;
}

/** A process with a terminal (Docker exec with a TTY): what it runs, as whom, and the first size. */
export interface InteractiveExecOptions {
  cmd: string[];
  /** `KEY=value` added to the container's own environment. */
  env?: string[];
  /** The user to run as (a name or uid); the container's user unless told. */
  user?: string;
  workingDir?: string;
  cols: number;
  rows: number;
  /**
   * false: no TTY (a `colo exec` on a pipe): stdout and stderr arrive merged, as the program
   * wrote them, ending the stream's writable side ends the program's stdin, and resizing does
   * nothing. Default true.
   */
  tty?: boolean;
}

/**
 * A running interactive exec. A TTY merges stdout and stderr, so `stream` carries raw terminal
 * bytes both ways, unframed: what is written is typed, what is read is the screen.
 */
export interface InteractiveExec {
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** Settles once the process ended or its connection closed; the exit code when Docker knows it. */
  readonly ended: Promise<{ exitCode: number | null }>;
  /** Hangs up: the connection closes and the process gets SIGHUP, as when a terminal closes. Never rejects. */
  close(): Promise<void>;
}

/** The part of an image's configuration a container inherits (Docker's `Config`). */
export interface ImageConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  User?: string;
  Env?: string[] | null;
  WorkingDir?: string;
  ExposedPorts?: Record<string, object> | null;
  Healthcheck?: Record<string, unknown> | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
}

export interface CommitOptions {
  repo: string;
  tag: string;
  comment?: string;
  author?: string;
  config: ImageConfig;
  labels?: Record<string, string>;
}

export interface Runtime {
  /** All containers (running or not) carrying every one of the `key=value` labels. */
  listContainers(labels: string[]): Promise<ContainerSummary[]>;
  listNetworks(labels: string[]): Promise<NetworkSummary[]>;
  listVolumes(labels: string[]): Promise<VolumeSummary[]>;
  /** undefined when no such container. */
  inspectContainer(idOrName: string): Promise<ContainerDetails | undefined>;
  /** The image id a reference points at, or undefined when the image is not present. */
  imageId(ref: string): Promise<string | undefined>;
  /** Throws EngineError `conflict` when the name is taken. Returns the container id. */
  createContainer(options: Dockerode.ContainerCreateOptions & { name: string }): Promise<string>;
  /** Succeeds when the container is already running. */
  startContainer(idOrName: string): Promise<void>;
  /** Succeeds when the container is already stopped. */
  stopContainer(idOrName: string, timeoutSeconds?: number): Promise<void>;
  /** Freezes every process of a running container; succeeds when it is paused already. */
  pauseContainer(idOrName: string): Promise<void>;
  /** Thaws a paused container; succeeds when it is not paused (or gone). */
  unpauseContainer(idOrName: string): Promise<void>;
  /** Force-removes, with its anonymous volumes (never a named one); succeeds when there is no such container. */
  removeContainer(idOrName: string): Promise<void>;
  /** Succeeds when the container is already attached. */
  connectNetwork(network: string, container: string, aliases: string[]): Promise<void>;
  /** Succeeds when the container is not attached (or gone). */
  disconnectNetwork(network: string, container: string): Promise<void>;
  /** Throws EngineError `conflict` when a network of that name exists. */
  createNetwork(spec: NetworkSpec): Promise<void>;
  /** Succeeds when there is no such network. */
  removeNetwork(name: string): Promise<void>;
  /** Returns the volume's labels: an existing volume of that name is returned, not replaced. */
  createVolume(spec: VolumeSpec): Promise<VolumeSummary>;
  /** Succeeds when there is no such volume. */
  removeVolume(name: string): Promise<void>;
  /**
   * Resolves once the container is `healthy` (or running, without a health check); throws
   * EngineError `unhealthy` (it failed or exited) or `timeout`, or `aborted` on the signal.
   */
  waitHealthy(idOrName: string, options: WaitHealthyOptions): Promise<void>;
  /** The last `tail` lines of the container's stdout and stderr. */
  logs(idOrName: string, tail: number): Promise<string>;
  /** Runs a command inside a running container (tests, consistency hooks). */
  exec(idOrName: string, cmd: string[]): Promise<ExecResult>;
  /** Starts a process with a terminal in a running container and attaches to it (a shell session). */
  execInteractive(idOrName: string, options: InteractiveExecOptions): Promise<InteractiveExec>;
  /**
   * A small text file from a container's filesystem (volumes included), read without running
   * anything in it (Docker's archive API); undefined when there is no such file. At most 64 KiB.
   */
  readFile(idOrName: string, path: string): Promise<string | undefined>;
  /**
   * A directory of a container (volumes included) as a tar stream, read without running anything
   * in it (Docker's archive API); its entries are named `./…` when `path` ends in `/.`.
   */
  readArchive(idOrName: string, path: string): Promise<NodeJS.ReadableStream>;
  /** Unpacks a tar stream into a directory of a container (a writable volume of a read-only one). */
  writeArchive(idOrName: string, path: string, tar: NodeJS.ReadableStream): Promise<void>;
  /** Builds an image from a directory holding a Dockerfile. */
  buildImage(contextDir: string, tag: string, labels?: Record<string, string>): Promise<void>;
  /** How an image runs (entrypoint, command, user, env…); undefined when the image is not present. */
  imageConfig(ref: string): Promise<ImageConfig | undefined>;
  /**
   * Saves a container's filesystem as the image `repo:tag`, which runs as `config` says (not as
   * the container was started); returns the new image's id.
   */
  commitContainer(idOrName: string, options: CommitOptions): Promise<string>;
  /** Untags and deletes an image; succeeds when there is no such image. Refused while a container uses it. */
  removeImage(ref: string): Promise<void>;
  /** A live stream of container events that reconnects by itself (watch-events.ts). */
  watchContainerEvents(options: WatchEventsOptions): EventWatch;
  /**
   * One reading of a container's cumulative CPU, memory, network and block I/O counters, answered
   * at once (one-shot); undefined when the container is gone or not running.
   */
  containerStats(idOrName: string): Promise<ContainerStats | undefined>;
}

/** The Runtime methods that change something in the engine. */
export const MUTATING_RUNTIME_METHODS = [
  'createContainer',
  'startContainer',
  'stopContainer',
  'pauseContainer',
  'unpauseContainer',
  'removeContainer',
  'connectNetwork',
  'disconnectNetwork',
  'createNetwork',
  'removeNetwork',
  'createVolume',
  'removeVolume',
  'exec',
  'execInteractive',
  'writeArchive',
  'buildImage',
  'commitContainer',
  'removeImage',
] as const satisfies readonly (keyof Runtime)[];
