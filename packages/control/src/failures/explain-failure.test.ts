import { describe, expect, it } from 'vitest';
import { explainFailure, manifestNaming } from './explain-failure';
import { FAILURE_RULES } from './failure-classes';

const KEY = 'shop-a1b2c3';
const naming = manifestNaming({
  appliances: [
    { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 34995 }] },
    { name: 'web', class: 'web-php' },
    { name: 'web-api', class: 'app-node' },
    { name: 'db', class: 'postgres' },
  ],
});

function explain(error: string, opts: { code?: string; stepKey?: string } = {}) {
  const steps = opts.stepKey ? [{ key: opts.stepKey, status: 'failed', error }] : [];
  const out = explainFailure({ error, errorCode: opts.code ?? 'docker_error', steps, dockerKey: KEY, ...naming });
  if (!out) throw new Error('no explanation');
  return out;
}

describe('explainFailure', () => {
  it('says a host port is taken by another program, names the port and the appliance, and keeps Docker’s words', () => {
    const raw =
      'deploy of VDC shop failed at listener:colo-edge-acc-1f2e3d-34995: start container colo-edge-acc-1f2e3d-34995: driver failed programming external connectivity on endpoint colo-edge-acc-1f2e3d-34995 (2aa17517d825e5c8a5c5a4c7ff7fcbf87381ec15fdc08b747647d87594ea31f1): Error starting userland proxy: listen tcp4 0.0.0.0:34995: bind: address already in use';
    const out = explain(raw, { stepKey: 'listener:colo-edge-acc-1f2e3d-34995' });
    expect(out.class).toBe('port_taken');
    expect(out.message).toBe('Port 34995 is in use by another program on this machine, so lb could not be published on it.');
    expect(out.fix).toMatch(/Stop the program that listens on port 34995/);
    expect(out.message + out.fix).not.toMatch(/[0-9a-f]{12}/); // no container ids in the words
    expect(out.appliance).toBe('lb');
    expect(out.details).toBe(raw);
    // Docker's other wording, a port the iptables path refused; a swarm's, the port from the listener's name.
    expect(explain('Bind for 0.0.0.0:8080 failed: port is already allocated').message).toMatch(/^Port 8080 is in use/);
    const swarm = explain('service colo-edge-acc-1f2e3d-34995: 0/1 running after 60 s; last task error: no suitable node (host-mode port already in use on 1 node)', {
      stepKey: 'service:colo-edge-acc-1f2e3d-34995',
    });
    expect(swarm).toMatchObject({ class: 'port_taken', appliance: 'lb' });
    expect(swarm.message).toMatch(/^Port 34995 is in use/);
  });

  it('says an image is missing, naming it', () => {
    const out = explain('deploy of VDC shop failed at container:colo-shop-a1b2c3-web-1: create container colo-shop-a1b2c3-web-1: No such image: colo/web-php:9', {
      stepKey: 'container:colo-shop-a1b2c3-web-1',
    });
    expect(out.class).toBe('image_missing');
    expect(out.appliance).toBe('web');
    expect(out.message).toContain('colo/web-php:9');
    expect(out.fix).toMatch(/docker load/);
  });

  it('says an appliance ran out of memory', () => {
    const out = explain('container colo-shop-a1b2c3-db-1 exited with code 137 (OOMKilled)');
    expect(out.class).toBe('out_of_memory');
    expect(out.appliance).toBe('db');
    expect(out.message).toBe('db ran out of memory and was killed.');
    expect(out.fix).toMatch(/more memory/);
  });

  it('says the machine cannot give the limits asked for', () => {
    const out = explain('create container colo-shop-a1b2c3-web-1: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available', {
      stepKey: 'container:colo-shop-a1b2c3-web-1',
    });
    expect(out.class).toBe('limits');
    expect(out.fix).toMatch(/Lower web's CPU or memory/);
  });

  it('says a health check timed out, blaming the server a client waited for', () => {
    const out = explain(
      'deploy of VDC shop failed at container:colo-shop-a1b2c3-web-1: colo-shop-a1b2c3-web-1 waits for db, which is not healthy: container colo-shop-a1b2c3-db-1 not healthy after 60s (state running, health starting)',
      { stepKey: 'container:colo-shop-a1b2c3-web-1' },
    );
    expect(out.class).toBe('health_timeout');
    expect(out.appliance).toBe('db');
    expect(out.message).toBe('db started but did not become healthy within 60 s.');
    // A swarm service whose tasks did not all run in time.
    const swarm = explain('service colo-shop-a1b2c3-web: colo-shop-a1b2c3-web: 1/2 running after 120 s', { stepKey: 'service:colo-shop-a1b2c3-web' });
    expect(swarm).toMatchObject({ class: 'health_timeout', appliance: 'web', message: 'web started but did not become healthy within 120 s.' });
  });

  it('tells a failing health check and a crash apart', () => {
    expect(explain('container colo-shop-a1b2c3-web-1 failed its health check (curl: (7) refused)').class).toBe('health_failed');
    const crash = explain('container colo-shop-a1b2c3-web-api-1 exited with code 3\nlast log lines of colo-shop-a1b2c3-web-api-1:\n  | boom');
    expect(crash.class).toBe('crashed');
    expect(crash.appliance).toBe('web-api'); // the longest appliance name, not web
    expect(crash.message).toContain('exit code 3');
  });

  it('says a name is taken by something that is not this VDC’s', () => {
    const out = explain('container name colo-shop-a1b2c3-web-1 is taken by a container this VDC does not own');
    expect(out.class).toBe('name_conflict');
    expect(out.appliance).toBe('web');
    expect(explain('Conflict. The container name "/colo-shop-a1b2c3-web-1" is already in use by container "abc"').class).toBe('name_conflict');
  });

  it('says the disk is full, by code or by Docker’s words', () => {
    expect(explain('copying volume: write failed', { code: 'no_space' }).class).toBe('disk_full');
    expect(explain('create container colo-shop-a1b2c3-db-1: mkdir /var/lib/docker/x: no space left on device').class).toBe('disk_full');
  });

  it('says Docker’s network address pools are used up', () => {
    const out = explain('create network colo-shop-a1b2c3-wire-web-db: could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
    expect(out.class).toBe('network_pool');
    expect(out.appliance).toBeNull(); // a wire's network is no one appliance's
    expect(out.fix).toMatch(/default-address-pools/);
  });

  it('says a swarm node is down', () => {
    const out = explain('service colo-shop-a1b2c3-db: no task running after 120 s; last task error: no suitable node (1 node not available for new tasks; scheduling constraints not satisfied on 2 nodes)', {
      stepKey: 'service:colo-shop-a1b2c3-db',
    });
    expect(out.class).toBe('node_down');
    expect(out.appliance).toBe('db');
    expect(out.fix).toMatch(/colo node ls/);
  });

  it('says a volume is still in use', () => {
    const out = explain('remove volume colo-shop-a1b2c3-db-data: remove colo-shop-a1b2c3-db-data: volume is in use - [4f2a9c]');
    expect(out.class).toBe('volume_in_use');
    expect(out.appliance).toBe('db'); // a volume of db, not an appliance "db-data"
  });

  it('says Docker is away, and passes an invalid manifest on by its code', () => {
    expect(explain('connect ECONNREFUSED /var/run/docker.sock', { code: 'docker_unavailable' }).class).toBe('docker_unavailable');
    const invalid = explain('port 8080 is already published by VDC blog: address already in use', { code: 'invalid_manifest' });
    expect(invalid.class).toBe('invalid_manifest');
  });

  it('falls back to a next step and Docker’s words for anything else', () => {
    const out = explain('create container colo-shop-a1b2c3-web-1: something nobody has seen', { stepKey: 'container:colo-shop-a1b2c3-web-1' });
    expect(out.class).toBe('unknown');
    expect(out.message).toBe('Docker could not set up web, for a reason Colo does not recognise.');
    expect(out.fix).toMatch(/Retry/);
    expect(out.details).toContain('something nobody has seen');
  });

  it('explains nothing without an error', () => {
    expect(explainFailure({ error: null, errorCode: null, steps: [], dockerKey: KEY })).toBeNull();
  });

  it('has a test above for every class it knows', () => {
    // Keeps this file honest as classes are added.
    expect(FAILURE_RULES.map((r) => r.class).sort()).toEqual(
      ['aborted', 'crashed', 'disk_full', 'docker_unavailable', 'health_failed', 'health_timeout', 'image_missing', 'invalid_manifest', 'limits', 'name_conflict', 'network_pool', 'node_down', 'out_of_memory', 'port_taken', 'volume_in_use'].sort(),
    );
    expect(explain('deploy of VDC shop aborted; planning and applying again resumes it').class).toBe('aborted');
  });
});
