// The Runtime on a real Docker engine, through dockerode's API objects (never a shell).
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import { EngineError } from '../engine-error';
import { type DockerStatsAnswer, toContainerStats } from './container-stats';
import { demuxLogs } from './demux-logs';
import { dockerMessage, dockerStatus, toEngineError } from './docker-errors';
import { startInteractiveExec } from './interactive-exec';
import type { ContainerDetails, ContainerState, ContainerSummary, HealthState, ImageConfig, PublishedPort, Runtime } from './runtime';
import { pollUntilHealthy } from './wait-healthy';
import { watchContainerEvents } from './watch-events';

export function createDockerRuntime(docker: Dockerode = new Dockerode()): Runtime {
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toEngineError(error, what);
    }
  }

  /** Runs fn; the listed Docker status codes count as success (the desired outcome already holds). */
  async function idempotent(what: string, okStatus: number[], fn: () => Promise<unknown>, okMessage?: RegExp): Promise<void> {
    try {
      await fn();
    } catch (error) {
      const status = dockerStatus(error);
      if (status !== undefined && okStatus.includes(status)) return;
      if (okMessage?.test(dockerMessage(error))) return;
      throw toEngineError(error, what);
    }
  }

  async function inspectContainer(idOrName: string): Promise<ContainerDetails | undefined> {
    try {
      return toDetails(await docker.getContainer(idOrName).inspect());
    } catch (error) {
      if (dockerStatus(error) === 404) return undefined;
      throw toEngineError(error, `inspect container ${idOrName}`);
    }
  }

  return {
    async listContainers(labels) {
      const list = await call('list containers', () => docker.listContainers({ all: true, filters: { label: labels } }));
      return list.map(toSummary);
    },

    async listNetworks(labels) {
      const list = await call('list networks', () => docker.listNetworks({ filters: { label: labels } }));
      return list.map((n) => ({ id: n.Id, name: n.Name, internal: Boolean(n.Internal), labels: n.Labels ?? {} }));
    },

    async listVolumes(labels) {
      const res = await call('list volumes', () => docker.listVolumes({ filters: { label: labels } }));
      return (res.Volumes ?? []).map((v) => ({
        name: v.Name,
        labels: (v.Labels as Record<string, string> | null) ?? {},
        driver: v.Driver,
        mountpoint: v.Mountpoint,
        driverOptions: (v.Options as Record<string, string> | null) ?? {},
      }));
    },

    inspectContainer,

    async imageId(ref) {
      try {
        return (await docker.getImage(ref).inspect()).Id;
      } catch (error) {
        if (dockerStatus(error) === 404) return undefined;
        throw toEngineError(error, `inspect image ${ref}`);
      }
    },

    async createContainer(options) {
      const container = await call(`create container ${options.name}`, () => docker.createContainer(options));
      return container.id;
    },

    startContainer: (id) => idempotent(`start container ${id}`, [304], () => docker.getContainer(id).start()),

    stopContainer: (id, timeoutSeconds = 10) =>
      idempotent(`stop container ${id}`, [304], () => docker.getContainer(id).stop({ t: timeoutSeconds })),

    pauseContainer: (id) => idempotent(`pause container ${id}`, [], () => docker.getContainer(id).pause(), /is already paused/),

    unpauseContainer: (id) =>
      idempotent(`unpause container ${id}`, [404], () => docker.getContainer(id).unpause(), /is not paused|is not running/),

    removeContainer: (id) =>
      idempotent(`remove container ${id}`, [404], () => docker.getContainer(id).remove({ force: true, v: true }), /is already in progress/),

    connectNetwork: (network, container, aliases) =>
      idempotent(
        `connect container ${container} to network ${network}`,
        [],
        () => docker.getNetwork(network).connect({ Container: container, EndpointConfig: { Aliases: aliases } }),
        /already exists in network/,
      ),

    disconnectNetwork: (network, container) =>
      idempotent(
        `disconnect container ${container} from network ${network}`,
        [404],
        () => docker.getNetwork(network).disconnect({ Container: container, Force: true }),
        /is not connected to/,
      ),

    async createNetwork(spec) {
      await call(`create network ${spec.name}`, () =>
        docker.createNetwork({
          Name: spec.name,
          Driver: 'bridge',
          Internal: spec.internal,
          Labels: spec.labels,
          Options: spec.options ?? {},
          CheckDuplicate: true,
        }),
      );
    },

    removeNetwork: (name) => idempotent(`remove network ${name}`, [404], () => docker.getNetwork(name).remove()),

    async createVolume(spec) {
      await call(`create volume ${spec.name}`, () => docker.createVolume({ Name: spec.name, Labels: spec.labels }));
      const info = await call(`inspect volume ${spec.name}`, () => docker.getVolume(spec.name).inspect());
      return { name: info.Name, labels: (info.Labels as Record<string, string> | null) ?? {} };
    },

    removeVolume: (name) => idempotent(`remove volume ${name}`, [404], () => docker.getVolume(name).remove()),

    waitHealthy: (id, options) => pollUntilHealthy(inspectContainer, id, options),

    async logs(id, tail) {
      const buffer = await call(`read logs of ${id}`, () =>
        docker.getContainer(id).logs({ stdout: true, stderr: true, tail, follow: false }),
      );
      return demuxLogs(Buffer.isBuffer(buffer) ? buffer : Buffer.from(String(buffer)));
    },

    async exec(id, cmd) {
      return call(`exec in ${id}`, async () => {
        const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
        const stream = await exec.start({ hijack: true, stdin: false });
        const sink = new PassThrough();
        const chunks: Buffer[] = [];
        sink.on('data', (c: Buffer) => chunks.push(c));
        docker.modem.demuxStream(stream, sink, sink);
        await new Promise<void>((resolve, reject) => {
          stream.on('end', resolve);
          stream.on('close', resolve);
          stream.on('error', reject);
        });
        let info = await exec.inspect();
        for (let i = 0; info.Running && i < 50; i++) {
          await new Promise((r) => setTimeout(r, 100));
          info = await exec.inspect();
        }
        return { exitCode: info.ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8') };
      });
    },

    execInteractive: (id, options) => startInteractiveExec(docker, id, options),

    async readFile(id, path) {
      try {
        const archive = await docker.getContainer(id).getArchive({ path });
        return firstFileOfTar(await readBounded(archive, READ_FILE_LIMIT + 1024));
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw toEngineError(error, `read ${path} in ${id}`);
      }
    },

    async readArchive(id, path) {
      try {
        return await docker.getContainer(id).getArchive({ path });
      } catch (error) {
        throw toEngineError(error, `read ${path} in ${id}`);
      }
    },

    async writeArchive(id, path, tar) {
      try {
        const res = (await docker.getContainer(id).putArchive(tar, { path })) as NodeJS.ReadableStream | undefined;
        // The daemon answers once it has unpacked the whole stream (or failed to).
        res?.resume?.();
      } catch (error) {
        throw toEngineError(error, `write ${path} in ${id}`);
      }
    },

    watchContainerEvents: (options) => watchContainerEvents(docker, options),

    async containerStats(id) {
      try {
        // one-shot: no second-long wait for a `precpu` reading the caller computes itself.
        const answer = (await docker.getContainer(id).stats({ stream: false, 'one-shot': true } as { stream: false })) as DockerStatsAnswer;
        return toContainerStats(answer);
      } catch (error) {
        if (dockerStatus(error) === 404) return undefined;
        throw toEngineError(error, `read stats of ${id}`);
      }
    },

    async buildImage(contextDir, tag, labels = {}) {
      const src = await listFiles(contextDir);
      const stream = await call(`build image ${tag}`, () => docker.buildImage({ context: contextDir, src }, { t: tag, labels, rm: true }));
      const output = await new Promise<{ error?: string; errorDetail?: { message?: string } }[]>((resolve, reject) =>
        docker.modem.followProgress(stream, (err, res) => (err ? reject(toEngineError(err, `build image ${tag}`)) : resolve(res))),
      );
      const failed = output.find((line) => line.error || line.errorDetail);
      if (failed) throw new EngineError('docker_error', `build image ${tag}: ${failed.errorDetail?.message ?? failed.error}`);
    },

    async imageConfig(ref) {
      try {
        return (await docker.getImage(ref).inspect()).Config as ImageConfig;
      } catch (error) {
        if (dockerStatus(error) === 404) return undefined;
        throw toEngineError(error, `inspect image ${ref}`);
      }
    },

    async commitContainer(idOrName, { repo, tag, comment = '', author = '', config, labels = {} }) {
      // Docker fills what the body leaves empty from the container's own settings (here, the
      // prototype's idle loop and root user): every field is given, an empty list for "none".
      const body = {
        ...config,
        Entrypoint: config.Entrypoint ?? [],
        Cmd: config.Cmd ?? [],
        User: config.User || '0',
        Labels: { ...(config.Labels ?? {}), ...labels },
      };
      // The commit API takes its options in the query and the image's configuration as the body.
      const res = (await call(`commit ${idOrName} as ${repo}:${tag}`, () =>
        docker.getContainer(idOrName).commit({ _query: { container: idOrName, repo, tag, comment, author, pause: true }, _body: body }),
      )) as { Id?: string };
      if (!res?.Id) throw new EngineError('docker_error', `commit ${idOrName} as ${repo}:${tag}: Docker returned no image id`);
      return res.Id;
    },

    async removeImage(ref) {
      try {
        await docker.getImage(ref).remove();
      } catch (error) {
        if (dockerStatus(error) === 404) return;
        throw toEngineError(error, `remove image ${ref}`);
      }
    },
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

function attachedNetworks(networks: Record<string, unknown> | undefined): string[] {
  return Object.keys(networks ?? {}).filter((name) => name !== 'none');
}

function healthOf(status: string | undefined): HealthState {
  if (!status) return 'none';
  if (status === 'healthy' || status === 'unhealthy' || status === 'starting') return status;
  return 'none';
}

function healthFromStatusText(status: string): HealthState {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return 'none';
}

function toSummary(c: Dockerode.ContainerInfo): ContainerSummary {
  const ports: PublishedPort[] = (c.Ports ?? [])
    .filter((p) => p.PublicPort)
    .map((p) => ({ containerPort: p.PrivatePort, hostIp: p.IP ?? '', hostPort: p.PublicPort }));
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? '').replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    labels: c.Labels ?? {},
    state: c.State as ContainerState,
    health: c.State === 'running' ? healthFromStatusText(c.Status ?? '') : 'none',
    networks: attachedNetworks(c.NetworkSettings?.Networks),
    ports,
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string),
  };
}

function toDetails(c: Dockerode.ContainerInspectInfo): ContainerDetails {
  // NetworkMode `none` shows up as a network called "none": it is the absence of one.
  const networks = Object.fromEntries(Object.entries(c.NetworkSettings?.Networks ?? {}).filter(([name]) => name !== 'none'));
  const ports: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
    for (const b of bindings ?? []) {
      ports.push({ containerPort: Number.parseInt(key, 10), hostIp: b.HostIp, hostPort: Number(b.HostPort) });
    }
  }
  const healthLog = c.State.Health?.Log ?? [];
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    image: c.Config.Image,
    imageId: c.Image,
    labels: c.Config.Labels ?? {},
    state: c.State.Status as ContainerState,
    health: healthOf(c.State.Health?.Status),
    networks: Object.keys(networks),
    aliases: Object.fromEntries(Object.entries(networks).map(([name, n]) => [name, n.Aliases ?? []])),
    addresses: Object.fromEntries(Object.entries(networks).map(([name, n]) => [name, n.IPAddress])),
    ports,
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string),
    restartCount: c.RestartCount ?? 0,
    exitCode: c.State.ExitCode ?? 0,
    oomKilled: c.State.OOMKilled === true,
    lastHealthOutput: healthLog.at(-1)?.Output,
  };
}

const READ_FILE_LIMIT = 64 * 1024;

async function readBounded(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new EngineError('docker_error', `file is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The content of the first entry of a tar archive (a 512-byte header, then the data). */
function firstFileOfTar(tar: Buffer): string {
  if (tar.length < 512) throw new EngineError('docker_error', 'the archive Docker sent is truncated');
  const size = Number.parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
  if (!Number.isFinite(size) || size > READ_FILE_LIMIT || 512 + size > tar.length) throw new EngineError('docker_error', 'the archive Docker sent is not one small file');
  return tar.subarray(512, 512 + size).toString('utf8');
}
