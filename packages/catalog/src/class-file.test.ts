import { describe, expect, it } from 'vitest';
import { parseClassFile } from './class-file';

const ctx = { file: 'appliances/demo/class.yaml', folder: 'demo', hasDockerfile: true };

const VALID = `
id: demo
version: 2
title: Demo
terminals:
  inputs:
    - { name: in, protocol: http, port: 80 }
    - name: db
      protocol: pgsql
      port: 5432
      clientEnv: { USER: '{{ properties.user }}', PASSWORD: '{{ secrets.password }}' }
    - { name: files, protocol: fs, volume: data }
  outputs:
    - { name: share, protocol: fs, mountPath: /srv/share, readOnly: true }
volumes:
  - { name: data, mountPath: /data }
properties:
  - { name: user, type: string, default: app, pattern: '^[a-z]+$' }
  - { name: mode, type: enum, values: [a, b], default: a }
  - { name: workers, type: integer, default: 4, min: 1, max: 8 }
secrets: [password]
env:
  DEMO_MODE: '{{ properties.mode }}-{{ appliance.name }}-{{ vdc.name }}'
resources:
  cpu: { min: 0.1, max: 2, default: 0.5 }
  memory: { min: 64Mi, max: 1Gi, default: 128Mi }
replicas: { min: 1, max: 4, default: 2 }
health: { test: [/bin/true] }
`;

/** VALID with one line replaced, so each case differs from a known-good class in one place. */
function variant(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`fixture has no "${from}"`);
  return VALID.replace(from, to);
}

function problemsOf(text: string, c = ctx): string[] {
  const r = parseClassFile(text, c);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('parseClassFile', () => {
  it('accepts a valid class and applies the schema defaults', () => {
    const r = parseClassFile(VALID, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.class.version).toBe(2);
    expect(r.class.category).toBe('other');
    expect(r.class.health?.interval).toBe('2s');
    expect(r.class.terminals.outputs[0].mandatory).toBe(false);
  });

  it('names the file and the field path of a schema error', () => {
    const r = parseClassFile(variant('{ name: in, protocol: http, port: 80 }', '{ name: in, protocol: http, port: 70000 }'), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'appliances/demo/class.yaml', path: 'terminals.inputs[0].port' });
    expect(r.problems[0].message).toMatch(/65535/);
  });

  it('points at each unknown key', () => {
    expect(problemsOf(variant('title: Demo', 'title: Demo\nprivileged: true'))).toEqual(['privileged: unknown key']);
    expect(problemsOf(variant('port: 5432', 'port: 5432\n      prot: x'))).toEqual(['terminals.inputs[1].prot: unknown key']);
  });

  it('reports YAML syntax errors with line and column', () => {
    const [problem] = problemsOf('id: demo\ntitle: [unclosed\n');
    expect(problem).toMatch(/^: line \d+, column \d+: /);
  });

  it('requires the id to equal the folder name', () => {
    expect(problemsOf(VALID, { ...ctx, folder: 'other' })).toEqual(['id: must equal its folder name "other", not "demo"']);
  });

  it('lets only the stock net gateway leave the internal networks', () => {
    expect(problemsOf(`${VALID}egress: true\n`)).toEqual([
      'egress: only the stock "net" gateway class may reach outside the VDC\'s internal networks; wire this class to a "net" appliance instead',
    ]);
    const net = `${VALID.replace('id: demo', 'id: net')}egress: true\n`;
    expect(problemsOf(net, { ...ctx, folder: 'net' })).toEqual([]);
  });

  it('requires an image when there is no Dockerfile to build', () => {
    expect(problemsOf(VALID, { ...ctx, hasDockerfile: false })).toEqual([
      'image: is required when no Dockerfile sits beside class.yaml (there is nothing to build)',
    ]);
    expect(problemsOf(variant('title: Demo', 'title: Demo\nimage: example/demo:1'), { ...ctx, hasDockerfile: false })).toEqual([]);
  });

  it('checks that terminals can be wired', () => {
    expect(problemsOf(variant('{ name: in, protocol: http, port: 80 }', '{ name: in, protocol: http }'))).toEqual([
      'terminals.inputs[0].port: is required for a http input: clients are told to connect to it',
    ]);
    expect(problemsOf(variant('volume: data }', 'volume: nope }'))).toEqual([
      'terminals.inputs[2].volume: names no instance volume of this class: "nope"',
    ]);
    expect(problemsOf(variant('mountPath: /srv/share, ', ''))).toEqual([
      'terminals.outputs[0].mountPath: is required for an fs output: where the shared volume appears',
    ]);
    expect(problemsOf(variant('name: share,', 'name: in,'))).toEqual(['terminals.outputs[0].name: terminal "in" is declared twice']);
  });

  it('checks property defaults against their own declaration', () => {
    expect(problemsOf(variant('default: a }', 'default: c }'))).toEqual(['properties[1].default: must be one of "a", "b", not "c"']);
    expect(problemsOf(variant('default: 4,', 'default: 9,'))).toEqual(['properties[2].default: must be at most 8, not 9']);
    expect(problemsOf(variant('default: app,', 'default: App1,'))).toEqual(['properties[0].default: must match the pattern ^[a-z]+$']);
    expect(problemsOf(variant('values: [a, b], ', ''))).toEqual(['properties[1].values: an enum property needs the list of its values']);
  });

  it('checks that every template expands', () => {
    expect(problemsOf(variant("'{{ properties.mode }}-", "'{{ properties.nope }}-"))).toEqual([
      'env.DEMO_MODE: uses undeclared property "nope"',
    ]);
    expect(problemsOf(variant("'{{ secrets.password }}'", "'{{ secrets.token }}'"))).toEqual([
      'terminals.inputs[1].clientEnv.PASSWORD: uses undeclared secret "token"',
    ]);
    expect(problemsOf(variant("'{{ properties.mode }}-", "'{{ env.HOME }}-"))[0]).toMatch(/^env\.DEMO_MODE: cannot expand "\{\{ env\.HOME \}\}"/);
  });

  it('checks that defaults sit inside the resource and replica bounds', () => {
    expect(problemsOf(variant('default: 128Mi', 'default: 2Gi'))).toEqual(['resources.memory.default: must be between 64Mi and 1Gi']);
    expect(problemsOf(variant('max: 4, default: 2', 'max: 4, default: 5'))).toEqual(['replicas.default: must be between 1 and 4']);
    expect(problemsOf(variant('min: 0.1, max: 2', 'min: 3, max: 2'))).toEqual(['resources.cpu.min: is above max (2)']);
  });

  it('hardens by default: read-only root, no capabilities, the image\'s user', () => {
    const r = parseClassFile(VALID, ctx);
    expect(r.ok && { rootfs: r.class.rootfs, capabilities: r.class.capabilities, user: r.class.user }).toEqual({
      rootfs: 'read-only',
      capabilities: [],
      user: undefined,
    });
    const declared = parseClassFile(variant('title: Demo', 'title: Demo\nuser: root\ncapabilities: [CHOWN, NET_BIND_SERVICE]\nrootfs: writable'), ctx);
    expect(declared.ok && [declared.class.user, declared.class.capabilities, declared.class.rootfs]).toEqual([
      'root',
      ['CHOWN', 'NET_BIND_SERVICE'],
      'writable',
    ]);
  });

  it('refuses NET_RAW and capabilities off the allow-list, naming the file and the capability', () => {
    const r = parseClassFile(variant('title: Demo', 'title: Demo\ncapabilities: [CHOWN, NET_RAW, SYS_ADMIN]'), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`)).toEqual([
      'appliances/demo/class.yaml: capabilities[1]: NET_RAW is never granted: it lets a process forge packets and sniff the networks it sits on',
      'appliances/demo/class.yaml: capabilities[2]: SYS_ADMIN is not a capability Colo grants; allowed: CHOWN, SETUID, SETGID, DAC_OVERRIDE, FOWNER, NET_BIND_SERVICE, KILL',
    ]);
    expect(problemsOf(variant('title: Demo', 'title: Demo\ncapabilities: [CAP_NET_RAW]'))).toEqual([
      'capabilities[0]: NET_RAW is never granted: it lets a process forge packets and sniff the networks it sits on',
    ]);
    expect(problemsOf(variant('title: Demo', 'title: Demo\ncapabilities: [CAP_CHOWN]'))).toEqual(['capabilities[0]: write CHOWN, without the CAP_ prefix']);
  });

  it('refuses capabilities that could not work, and bad users and rootfs modes', () => {
    expect(problemsOf(variant('title: Demo', 'title: Demo\ncapabilities: [KILL, KILL]'))).toEqual(['capabilities[1]: capability KILL is listed twice']);
    expect(problemsOf(variant('title: Demo', 'title: Demo\nuser: www-data\ncapabilities: [CHOWN]'))).toEqual([
      'capabilities: take effect only for root, and the class runs as "www-data": remove them, or run as root and drop privileges in the entrypoint',
    ]);
    expect(problemsOf(variant('title: Demo', 'title: Demo\nuser: "0:0"\ncapabilities: [CHOWN]'))).toEqual([]);
    expect(problemsOf(variant('title: Demo', 'title: Demo\nuser: "www data"'))[0]).toMatch(/^user: must be a user name from the image/);
    expect(problemsOf(variant('title: Demo', 'title: Demo\nrootfs: tmpfs'))[0]).toMatch(/^rootfs: /);
  });
});
