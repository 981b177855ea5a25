import { describe, expect, it } from 'vitest';
import type { ActualContainer, ActualState } from '../actual-state';
import type { Runtime } from '../runtime/runtime';
import { listenerStatuses } from './listener-status';

const listener: ActualContainer = {
  id: 'l1',
  name: 'colo-edge-test-18080',
  appliance: '',
  replica: 0,
  classId: 'edge-proxy',
  image: 'colo/edge-proxy:1',
  imageId: 'sha256:e',
  state: 'running',
  health: 'healthy',
  specHash: 'h',
  specParts: {},
  revision: 'r1',
  standby: false,
  after: [],
  networks: ['colo-edge-test-18080-net', 'colo-shop-k3j9x2-ingress-lb-in'],
  ports: [{ containerPort: 10080, hostIp: '127.0.0.1', hostPort: 18080 }],
  labels: { 'colo.role': 'edge', 'colo.edge-port': '18080' },
};

const actual: ActualState = {
  instance: 'test',
  vdcId: 'vdc_1',
  containers: [],
  listeners: [listener],
  networks: [
    {
      id: 'n1',
      name: 'colo-shop-k3j9x2-ingress-lb-in',
      internal: true,
      labels: { 'colo.role': 'ingress', 'colo.appliance': 'lb', 'colo.terminal': 'in' },
    },
  ],
  volumes: [],
  images: {},
};

/** Only `exec` is called by listenerStatuses. */
const runtimeWith = (exec: Runtime['exec']) => ({ exec }) as unknown as Runtime;

describe('listenerStatuses', () => {
  it('reports backends up/total as the listener prints them', async () => {
    const [s] = await listenerStatuses(runtimeWith(async () => ({ exitCode: 0, output: '2 3\n' })), actual, { backends: true });
    expect(s).toMatchObject({ hostIp: '127.0.0.1', hostPort: 18080, target: { appliance: 'lb', terminal: 'in' }, backends: { up: 2, total: 3 } });
  });

  it('leaves backends unknown when Docker refuses the exec (a read-only Docker proxy), and says the rest', async () => {
    const refused = runtimeWith(async () => {
      throw new Error('(HTTP code 403) unexpected - exec is not allowed');
    });
    const [s] = await listenerStatuses(refused, actual, { backends: true });
    expect(s.backends).toBeUndefined();
    expect(s).toMatchObject({ name: 'colo-edge-test-18080', state: 'running', health: 'healthy', target: { appliance: 'lb', terminal: 'in' } });
  });
});
