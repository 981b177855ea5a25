// Compose files that reach for the host: each is refused whole, with a reason naming the service
// and the key, and quickly (a sanity bound over the whole set, not a measurement).
import { beforeAll, describe, expect, it } from 'vitest';
import { stockCatalog } from '../test/fixture-catalog';
import { importCompose } from './import-compose';

let catalog: Awaited<ReturnType<typeof stockCatalog>>;
beforeAll(async () => {
  catalog = await stockCatalog();
});

const web = (extra: string) => `services:\n  web:\n    image: nginx\n${extra}`;

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `x-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\nservices:\n  web:\n    image: nginx\n    labels: *j\n`;
}

const HOSTILE: { what: string; text: string; service: string; key: string; reason: RegExp }[] = [
  { what: 'privileged', text: web('    privileged: true\n'), service: 'web', key: 'privileged', reason: /privileged container/ },
  { what: 'privileged as a string', text: web('    privileged: "yes"\n'), service: 'web', key: 'privileged', reason: /privileged/ },
  { what: 'a ../ bind mount', text: web('    volumes: ["../../etc:/etc/host"]\n'), service: 'web', key: 'volumes', reason: /host path "\.\.\/\.\.\/etc"/ },
  { what: 'an absolute bind mount', text: web('    volumes: ["/:/host:ro"]\n'), service: 'web', key: 'volumes', reason: /host path "\/"/ },
  { what: 'a ./ bind mount', text: web('    volumes: ["./site:/usr/share/nginx/html"]\n'), service: 'web', key: 'volumes', reason: /host path "\.\/site"/ },
  { what: 'a ~ bind mount', text: web('    volumes: ["~/.ssh:/root/.ssh"]\n'), service: 'web', key: 'volumes', reason: /host path "~\/\.ssh"/ },
  {
    what: 'a long-syntax bind',
    text: web('    volumes:\n      - type: bind\n        source: data\n        target: /data\n'),
    service: 'web',
    key: 'volumes',
    reason: /host path "data"/,
  },
  { what: 'host network', text: web('    network_mode: host\n'), service: 'web', key: 'network_mode', reason: /"network_mode: host" shares the host's namespace/ },
  { what: 'host pid', text: web('    pid: host\n'), service: 'web', key: 'pid', reason: /host's namespace/ },
  { what: 'host ipc', text: web('    ipc: host\n'), service: 'web', key: 'ipc', reason: /host's namespace/ },
  {
    what: 'the Docker socket',
    text: web('    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]\n'),
    service: 'web',
    key: 'volumes',
    reason: /mounts the Docker socket/,
  },
  { what: 'cap_add', text: web('    cap_add: [SYS_ADMIN]\n'), service: 'web', key: 'cap_add', reason: /adds Linux capabilities/ },
  { what: 'devices', text: web('    devices: ["/dev/sda:/dev/sda"]\n'), service: 'web', key: 'devices', reason: /host devices/ },
  {
    what: 'GPU device reservations',
    text: web('    deploy:\n      resources:\n        reservations:\n          devices: [{ capabilities: [gpu] }]\n'),
    service: 'web',
    key: 'deploy.resources.reservations.devices',
    reason: /reserves host devices/,
  },
  { what: 'seccomp unconfined', text: web('    security_opt: ["seccomp:unconfined"]\n'), service: 'web', key: 'security_opt', reason: /lifts the container's confinement/ },
  { what: 'user root', text: web('    user: "0:0"\n'), service: 'web', key: 'user', reason: /runs as "0:0"/ },
  {
    what: 'a volume binding a host path through driver options',
    text: `${web('    volumes: ["data:/data"]\n')}volumes:\n  data:\n    driver_opts: { type: none, o: bind, device: /etc }\n`,
    service: '',
    key: 'volumes.data',
    reason: /binds a host path/,
  },
  { what: 'a 1 MiB file', text: web(`    labels:\n      big: "${'x'.repeat(1024 * 1024)}"\n`), service: '', key: '', reason: /at most 256 KiB/ },
  { what: 'a billion-laughs alias bomb', text: aliasBomb(), service: '', key: '', reason: /aliases too heavily/ },
  { what: '10k nesting (flow)', text: `services: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, service: '', key: '', reason: /nested|deep/ },
  {
    what: 'deep block nesting',
    text: `services:\n  web:\n    image: nginx\n    labels:\n${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i + 3)}k${i}:`).join('\n')} 1\n`,
    service: '',
    key: '',
    reason: /nested more than 32 levels deep/,
  },
  { what: 'duplicate keys', text: 'services:\n  web:\n    image: nginx\n  web:\n    image: redis\n', service: '', key: '', reason: /Map keys must be unique/ },
];

describe('hostile compose files', () => {
  for (const h of HOSTILE) {
    it(`refuses ${h.what}, with nothing made`, () => {
      const r = importCompose(h.text, { name: 'hostile', catalog });
      expect(r.ok).toBe(false);
      expect(r.manifest).toBeUndefined();
      expect(r.report).toContainEqual(expect.objectContaining({ service: h.service, key: h.key, severity: 'refused', message: expect.stringMatching(h.reason) }));
    });
  }

  it('names every unsafe item of a file, not only the first', () => {
    const r = importCompose(web('    privileged: true\n    cap_add: [NET_ADMIN]\n    network_mode: host\n'), { name: 'hostile', catalog });
    expect(r.report.filter((l) => l.severity === 'refused').map((l) => l.key)).toEqual(['privileged', 'network_mode', 'cap_add']);
  });

  it('gets through the whole hostile set in well under a few seconds', () => {
    const started = performance.now();
    for (const h of HOSTILE) importCompose(h.text, { name: 'hostile', catalog });
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
