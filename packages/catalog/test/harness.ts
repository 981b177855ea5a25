// What the real-engine tests share: images built through ensureClassImages, containers run the
// way the engine runs them (limits, the engine's own hardening: no capabilities, read-only root,
// the class's user; internal networks only, health checks from class.yaml, env rendered from the
// class templates), and cleanup by a per-run label. Images follow COLO_IMAGE_NAMESPACE.
import { randomBytes } from 'node:crypto';
import { containerSecurity, securityHostConfig } from '@colo/engine';
import { type ApplianceClass, classImage, parseMemory } from '@colo/manifest';
import Dockerode from 'dockerode';
import { afterAll, beforeAll } from 'vitest';
import { classBuildSettings, ensureClassImages } from '../src/ensure-class-images';
import { imageNamespace } from '../src/image-namespace';
import { loadCatalog, templatesRoot } from '../src/load-catalog';

export const docker = new Dockerode();
export const RUN = randomBytes(4).toString('hex');
/** Every object a test creates carries both; cleanup removes exactly this run's objects. */
export const LABELS = { 'colo.test': 'catalog', 'colo.test.run': RUN };

const catalogPromise = loadCatalog(templatesRoot(process.env));

export async function classOf(id: string): Promise<ApplianceClass> {
  const cls = (await catalogPromise).catalog.get(id);
  if (!cls) throw new Error(`no class ${id}`);
  return cls;
}

/** The image a class runs in this checkout: `<COLO_IMAGE_NAMESPACE>/<id>:<version>`. */
export function imageOf(cls: ApplianceClass): string {
  return classImage(cls, imageNamespace(process.env));
}

/** Builds (or finds current) the images of these classes; run from beforeAll. */
export async function ensureImages(...ids: string[]): Promise<void> {
  const { catalog } = await catalogPromise;
  await ensureClassImages(
    docker,
    ids.map((id) => catalog.source(id)!),
    { ...classBuildSettings(process.env), onProgress: (e) => e.type === 'start' && console.log(`building ${e.image} (${e.reason})`) },
  );
}

/** A test file's usual frame: these classes' images before its tests, this run's objects removed after. */
export function useClassImages(...ids: string[]): void {
  beforeAll(async () => {
    await ensureImages(...ids);
  });
  afterAll(cleanup);
}

export function objectName(name: string): string {
  return `colo-test-catalog-${RUN}-${name}`;
}

export async function createNetwork(name: string): Promise<string> {
  const fullName = objectName(name);
  // Internal, like every VDC network: no route out, only the containers attached.
  await docker.createNetwork({ Name: fullName, Driver: 'bridge', Internal: true, Labels: LABELS, CheckDuplicate: true });
  return fullName;
}

export async function createVolume(name: string): Promise<string> {
  const fullName = objectName(name);
  await docker.createVolume({ Name: fullName, Labels: LABELS });
  return fullName;
}

export interface TemplateValues {
  properties?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  applianceName: string;
  vdcName?: string;
}

/** The class's own properties with defaults applied, then the given overrides. */
function withDefaults(cls: ApplianceClass, values: TemplateValues): TemplateValues {
  const properties: Record<string, string | number | boolean> = {};
  for (const p of cls.properties) if (p.default !== undefined) properties[p.name] = p.default;
  return { ...values, properties: { ...properties, ...values.properties } };
}

export function render(template: string, values: TemplateValues): string {
  return template.replace(/\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
    if (expr === 'appliance.name') return values.applianceName;
    if (expr === 'vdc.name') return values.vdcName ?? 'test';
    const [kind, name] = expr.split('.');
    const value = kind === 'properties' ? values.properties?.[name] : kind === 'secrets' ? values.secrets?.[name] : undefined;
    if (value === undefined) throw new Error(`no value for {{ ${expr} }}`);
    return String(value);
  });
}

/** The appliance's own env: the class `env` templates rendered. */
export function classEnv(cls: ApplianceClass, values: TemplateValues): Record<string, string> {
  const v = withDefaults(cls, values);
  return Object.fromEntries(Object.entries(cls.env).map(([k, t]) => [k, render(t, v)]));
}

/** What a client whose output `output` is wired to `server`'s `input` receives (docs/contracts.md). */
export function wiringEnv(output: string, server: ApplianceClass, input: string, values: TemplateValues): Record<string, string> {
  const terminal = server.terminals.inputs.find((t) => t.name === input);
  if (!terminal?.port) throw new Error(`${server.id} has no network input ${input}`);
  const prefix = output.toUpperCase().replace(/-/g, '_');
  const v = withDefaults(server, values);
  const env: Record<string, string> = { [`${prefix}_HOST`]: output, [`${prefix}_PORT`]: String(terminal.port) };
  for (const [k, t] of Object.entries(terminal.clientEnv)) env[`${prefix}_${k}`] = render(t, v);
  return env;
}

export interface RunOptions {
  cls: ApplianceClass;
  name: string;
  network: string;
  aliases?: string[];
  env?: Record<string, string>;
  mounts?: { volume: string; target: string; readOnly?: boolean }[];
}

/** One appliance replica, created as the engine creates it (SPEC §5 guardrails included). */
export async function runAppliance(opts: RunOptions): Promise<Dockerode.Container> {
  const { cls } = opts;
  const health = cls.health;
  const ns = (d: string) => Number(/^(\d+)/.exec(d)![1]) * { ms: 1e6, s: 1e9, m: 60e9 }[/(ms|s|m)$/.exec(d)![1] as 'ms' | 's' | 'm'];
  const memory = parseMemory(cls.resources.memory.default);
  const security = containerSecurity(cls);
  const container = await docker.createContainer({
    name: objectName(opts.name),
    Hostname: opts.name,
    User: security.user,
    Image: imageOf(cls),
    Env: Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: LABELS,
    Healthcheck: health && {
      Test: ['CMD', ...health.test],
      Interval: ns(health.interval),
      Timeout: ns(health.timeout),
      Retries: health.retries,
      StartPeriod: ns(health.startPeriod),
    },
    HostConfig: {
      NetworkMode: opts.network,
      NanoCpus: Math.round(cls.resources.cpu.default * 1e9),
      Memory: memory,
      MemorySwap: memory,
      ...securityHostConfig(security),
      Mounts: (opts.mounts ?? []).map((m) => ({ Type: 'volume', Source: m.volume, Target: m.target, ReadOnly: m.readOnly ?? false })),
    },
    NetworkingConfig: { EndpointsConfig: { [opts.network]: { Aliases: opts.aliases ?? [] } } },
  });
  await container.start();
  return container;
}

/** A throwaway container of a class's image that just waits, to run client commands in (as root). */
export async function runClient(
  classId: string,
  name: string,
  network: string,
  mounts: { volume: string; target: string }[] = [],
): Promise<Dockerode.Container> {
  const container = await docker.createContainer({
    name: objectName(name),
    Image: imageOf(await classOf(classId)),
    Entrypoint: ['sleep', 'infinity'],
    Labels: LABELS,
    HostConfig: {
      NetworkMode: network,
      NanoCpus: 5e8,
      Memory: 128 * 1024 ** 2,
      SecurityOpt: ['no-new-privileges'],
      Mounts: mounts.map((m) => ({ Type: 'volume', Source: m.volume, Target: m.target })),
    },
  });
  await container.start();
  return container;
}

export async function waitHealthy(container: Dockerode.Container, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const info = await container.inspect();
    const health = info.State.Health?.Status;
    if (health === 'healthy') return Date.now() - started;
    if (!info.State.Running || health === 'unhealthy' || Date.now() - started > timeoutMs) {
      const last = info.State.Health?.Log?.at(-1)?.Output?.trim();
      throw new Error(
        `${info.Name} is ${info.State.Running ? health : `not running (exit ${info.State.ExitCode})`}` +
          `${last ? `; last check said: ${last}` : ''}\n${await logsOf(container)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function logsOf(container: Dockerode.Container): Promise<string> {
  const raw = (await container.logs({ stdout: true, stderr: true, tail: 40 })) as unknown as Buffer;
  return demux(raw).join('');
}

/** Splits Docker's multiplexed stream (8-byte headers) into its text. */
function demux(raw: Buffer): [string, string] {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= raw.length) {
    const size = raw.readUInt32BE(i + 4);
    (raw[i] === 2 ? err : out).push(raw.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return [Buffer.concat(out).toString(), Buffer.concat(err).toString()];
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in a container, like `docker exec`; env values stay off the command line. */
export async function exec(
  container: Dockerode.Container,
  cmd: string[],
  env: Record<string, string> = {},
  /** Another user than the container's own, e.g. `0` to show what even root cannot do. */
  user?: string,
): Promise<ExecResult> {
  const e = await container.exec({
    Cmd: cmd,
    User: user,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await e.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const [stdout, stderr] = demux(Buffer.concat(chunks));
  let info = await e.inspect();
  while (info.Running) {
    await new Promise((r) => setTimeout(r, 50));
    info = await e.inspect();
  }
  return { exitCode: info.ExitCode ?? -1, stdout, stderr };
}

/** Removes this run's containers, networks and volumes; safe to call after any failure. */
export async function cleanup(): Promise<void> {
  const filters = { label: [`colo.test.run=${RUN}`] };
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: false }).catch(() => {})));
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => {})));
  const { Volumes } = await docker.listVolumes({ filters });
  await Promise.all((Volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(() => {})));
}

const PHP_GET = `
$headers = isset($argv[2]) ? $argv[2] : '';
$ctx = stream_context_create(['http' => ['header' => $headers, 'ignore_errors' => true, 'timeout' => 5]]);
$body = @file_get_contents($argv[1], false, $ctx);
if ($body === false) { fwrite(STDERR, "request failed\\n"); exit(1); }
echo json_encode(['status' => (int) explode(' ', $http_response_header[0])[1], 'headers' => $http_response_header, 'body' => $body]);
`;

export interface HttpResponse {
  status: number;
  headers: string[];
  body: string;
}

/** An HTTP GET made with PHP's CLI inside `container` (a web-php image), e.g. through a balancer. */
export async function phpGet(container: Dockerode.Container, url: string, headers: string[] = []): Promise<HttpResponse> {
  const r = await exec(container, ['php', '-r', PHP_GET, '--', url, headers.join('\r\n')]);
  if (r.exitCode !== 0) throw new Error(`GET ${url} failed: ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout) as HttpResponse;
}

export function header(res: HttpResponse, name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  return res.headers.find((h) => h.toLowerCase().startsWith(prefix))?.slice(prefix.length).trim();
}
