// Control's settings: the environment an app hands it once at start (`configureControl`), checked
// with zod on first use. Control reads no process.env of its own; the apps (web's
// instrumentation.ts, the worker's main.ts), scripts and test setups pass theirs. Apps extend
// `controlEnvSchema` in their own env.ts so a bad value stops them at start, not mid-request.
import { configureDatabase } from '@colo/db';
import { MEMORY_PATTERN, parseMemory } from '@colo/manifest';
import { IMAGE_NAMESPACE_PATTERN } from '@colo/catalog';
import { z } from 'zod';

const secretKey = z
  .string()
  .min(1, 'COLO_SECRET_KEY is required: 32 random bytes as base64 or hex (e.g. openssl rand -base64 32)')
  .refine((v) => decodeSecretKey(v) !== undefined, 'COLO_SECRET_KEY must be 32 bytes, base64 or hex encoded');

const port = z.coerce.number().int().min(1).max(65535);
const count = z.coerce.number().int().min(0).max(1_000_000);

export const controlEnvSchema = z.object({
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  COLO_SECRET_KEY: secretKey,
  /** Separates installations (and test runs) sharing one Docker engine. */
  COLO_INSTANCE: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/).default('local'),
  /** Host address exposed terminals are published on. */
  COLO_PUBLISH_HOST: z.string().min(1).default('127.0.0.1'),
  /** The web app's port, refused as a published port (else PORT, else COLO_URL's port, else 3000). */
  COLO_WEB_PORT: port.optional(),
  PORT: port.optional(),
  COLO_URL: z.string().optional(),
  /**
   * How to tell whether a host port is bound by another program: `bind` tries it on
   * COLO_PUBLISH_HOST (right when Colo runs on the Docker host); `off` when it runs in a container.
   */
  COLO_HOST_PORT_PROBE: z.enum(['bind', 'off']).default('bind'),
  /** Per-user quota defaults (an admin overrides them per user): ceilings for one machine. */
  COLO_QUOTA_APPLIANCES: count.default(50),
  COLO_QUOTA_CONTAINERS: count.default(100),
  COLO_QUOTA_CPU: z.coerce.number().min(0).max(100_000).default(32),
  COLO_QUOTA_MEMORY: z
    .string()
    .regex(MEMORY_PATTERN, 'must be bytes or a size like "8Gi"')
    .default('64Gi')
    .transform((v) => parseMemory(v)),
  COLO_QUOTA_HOST_PORTS: count.default(20),
  /**
   * The Docker engine, read by dockerode when the runtime is made (engine-access.ts): unset =
   * the local socket; `tcp://docker-ro:2375` = the read-only proxy the web app uses in compose.
   */
  DOCKER_HOST: z
    .string()
    .regex(/^(unix|tcp|npipe|ssh|http|https):\/\/./, 'must be a URL such as unix:///var/run/docker.sock or tcp://docker-ro:2375')
    .optional(),
  /** Repository prefix of built class images (`<namespace>/<class>:<version>`); read by @colo/catalog too. */
  COLO_IMAGE_NAMESPACE: z.string().regex(IMAGE_NAMESPACE_PATTERN, 'must be a Docker repository prefix like "colo" or "acme/colo"').default('colo'),
  /** On a swarm: the manager's port Colo's registry is published on (TLS, client certificates only). */
  COLO_REGISTRY_PORT: port.default(5443),
  /** On a swarm: the port Colo's node agent listens on, on every node (TLS, Colo's client certificate only). */
  COLO_NODE_AGENT_PORT: port.default(2378),
  /**
   * PRIVATE TEST NETWORKS ONLY. On a swarm, per-node work (share mounters) goes straight to each
   * node's Docker API on this port, unauthenticated (the test swarm's nodes listen on 2375). Unset
   * in production: the node agent is plugged in instead (docker/engine-mode.ts).
   */
  COLO_SWARM_NODE_DOCKER_PORT: port.optional(),
  /** Catalog folder (appliances/, assemblies/); the repo's templates/ unless set. */
  COLO_TEMPLATES_DIR: z.string().min(1).optional(),
  /** Live streams (events, followed logs) one user may hold open at once in one web process. */
  COLO_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(8),
  /** How often a live stream checks that its session or token is still good (ms). */
  COLO_STREAM_RECHECK_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
});

export type ControlEnv = z.infer<typeof controlEnvSchema>;

export function decodeSecretKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const buf = Buffer.from(trimmed, 'base64');
    if (buf.length === 32) return buf;
  }
  return undefined;
}

export type Environment = Record<string, string | undefined>;

// On globalThis: Next may load this module once per bundle (instrumentation, each route), and the
// configuration is the process's.
const holder = globalThis as typeof globalThis & { __coloControlConfig?: { env: Environment; parsed?: ControlEnv } };

/**
 * Gives control (and the database client it uses) the environment to read its settings from:
 * `configureControl(process.env)` once when an app starts. Tests pass process.env too, change it
 * between cases and call resetControlEnv().
 */
export function configureControl(env: Environment): void {
  holder.__coloControlConfig = { env };
  configureDatabase(env);
}

function configured(): { env: Environment; parsed?: ControlEnv } {
  const config = holder.__coloControlConfig;
  if (!config) throw new Error('@colo/control is not configured: the app calls configureControl(process.env) at start');
  return config;
}

/** The environment handed to configureControl, for the few settings read without the rest
 * (the Docker host, the queue name): they need no database or secret key. */
export function controlEnvironment(): Environment {
  return configured().env;
}

export function controlEnv(): ControlEnv {
  const config = configured();
  if (!config.parsed) {
    const parsed = controlEnvSchema.safeParse(config.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(`invalid environment:\n  ${lines.join('\n  ')}`);
    }
    config.parsed = parsed.data;
  }
  return config.parsed;
}

/** For tests that change the configured environment between cases: the next use parses it again. */
export function resetControlEnv(): void {
  if (holder.__coloControlConfig) holder.__coloControlConfig.parsed = undefined;
}
