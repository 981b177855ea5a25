// `SwarmApi` on dockerode, talking to one Swarm manager. Idempotent where Docker allows: removing
// what is gone counts as done.
import Dockerode from 'dockerode';
import { dockerStatus, toEngineError } from '../../runtime/docker-errors';
import type { SwarmApi, SwarmNodeRecord, SwarmServiceInfo, SwarmTaskInfo } from './swarm-api';

export function createDockerSwarmApi(docker: Dockerode = new Dockerode()): SwarmApi {
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toEngineError(error, what);
    }
  };
  return {
    info: () =>
      call('docker info', async () => {
        const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string } };
        return {
          localNodeState: info.Swarm?.LocalNodeState ?? 'inactive',
          controlAvailable: info.Swarm?.ControlAvailable ?? false,
          nodeId: info.Swarm?.NodeID ?? '',
        };
      }),
    listNodes: () => call('list swarm nodes', async () => (await docker.listNodes()) as SwarmNodeRecord[]),
    listServices: (labels) =>
      call('list services', async () => (await docker.listServices({ filters: { label: labels } })) as unknown as SwarmServiceInfo[]),
    inspectService: (name) =>
      call(`inspect service ${name}`, async () => {
        try {
          return (await docker.getService(name).inspect()) as SwarmServiceInfo;
        } catch (error) {
          if (dockerStatus(error) === 404) return undefined;
          throw error;
        }
      }),
    createService: (spec) =>
      call(`create service ${spec.Name}`, async () => {
        const created = (await docker.createService(spec as unknown as Dockerode.CreateServiceOptions)) as unknown as { id?: string; ID?: string };
        return created.id ?? created.ID ?? '';
      }),
    updateService: (id, version, spec) =>
      call(`update service ${spec.Name}`, async () => {
        // The version goes in the query, the spec alone in the body (docker-modem's _query/_body).
        await docker.getService(id).update({ _query: { version }, _body: spec } as never);
      }),
    removeService: (name) =>
      call(`remove service ${name}`, async () => {
        try {
          await docker.getService(name).remove();
        } catch (error) {
          if (dockerStatus(error) !== 404) throw error;
        }
      }),
    listTasks: ({ service, desiredState }) =>
      call('list tasks', async () => {
        const filters: Record<string, string[]> = {};
        if (service) filters.service = service;
        if (desiredState) filters['desired-state'] = desiredState;
        return (await docker.listTasks({ filters })) as SwarmTaskInfo[];
      }),
    listNetworks: (labels) =>
      call('list networks', async () => {
        const found = await docker.listNetworks({ filters: { label: labels, driver: ['overlay'] } });
        return found.map((n) => ({ Id: n.Id, Name: n.Name, Labels: n.Labels ?? {} }));
      }),
    createNetwork: (spec) =>
      call(`create network ${spec.Name}`, async () => {
        await docker.createNetwork({ ...spec, CheckDuplicate: true });
      }),
    removeNetwork: (name) =>
      call(`remove network ${name}`, async () => {
        try {
          await docker.getNetwork(name).remove();
        } catch (error) {
          if (dockerStatus(error) !== 404) throw error;
        }
      }),
  };
}
