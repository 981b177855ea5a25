// The catalog the tests draw with: the shape of the real classes in templates/appliances (their
// terminals, protocols, bounds and property kinds), kept small.
import { type ApplianceClass, type ClassInput, classSchema, createCatalog, type ManifestInput } from '@colo/manifest';

const resources = (cpu: [number, number, number], memory: [string, string, string]) => ({
  cpu: { min: cpu[0], max: cpu[1], default: cpu[2] },
  memory: { min: memory[0], max: memory[1], default: memory[2] },
});

const inputs: ClassInput[] = [
  {
    id: 'halb',
    version: 1,
    title: 'HTTP load balancer',
    category: 'balancer',
    terminals: {
      inputs: [
        { name: 'in', protocol: 'http', port: 80 },
        { name: 'stats', protocol: 'http', port: 8404 },
      ],
      outputs: [{ name: 'out', protocol: 'http', mandatory: true }],
    },
    properties: [
      { name: 'balance', type: 'enum', values: ['roundrobin', 'leastconn'], default: 'roundrobin' },
      { name: 'sticky', type: 'boolean', default: false },
    ],
    resources: resources([0.1, 4, 0.5], ['32Mi', '2Gi', '128Mi']),
  },
  {
    id: 'web-php',
    version: 1,
    title: 'PHP web server',
    category: 'web',
    terminals: {
      inputs: [{ name: 'in', protocol: 'http', port: 80 }],
      outputs: [
        { name: 'db', protocol: 'pgsql' },
        { name: 'fs', protocol: 'fs', mountPath: '/srv/share' },
      ],
    },
    properties: [
      { name: 'workers', type: 'integer', default: 4, min: 1, max: 64 },
      { name: 'memoryLimit', type: 'string', pattern: '^[0-9]+[KMG]$', default: '128M' },
    ],
    resources: resources([0.1, 4, 0.5], ['64Mi', '4Gi', '256Mi']),
    replicas: { min: 1, max: 32, default: 1 },
  },
  {
    id: 'nas',
    version: 1,
    title: 'NAS (shared storage)',
    category: 'storage',
    terminals: {
      inputs: [
        { name: 'fs', protocol: 'fs', volume: 'share' },
        { name: 'http', protocol: 'http', port: 80 },
      ],
    },
    volumes: [{ name: 'share', mountPath: '/srv/share' }],
    properties: [{ name: 'seed', type: 'enum', values: ['none', 'lamp-demo'], default: 'none' }],
    resources: resources([0.05, 2, 0.25], ['32Mi', '1Gi', '64Mi']),
  },
  {
    id: 'postgres',
    version: 1,
    title: 'PostgreSQL 15',
    category: 'database',
    terminals: { inputs: [{ name: 'in', protocol: 'pgsql', port: 5432 }] },
    properties: [{ name: 'database', type: 'string', default: 'app', pattern: '^[a-z_][a-z0-9_]{0,62}$' }],
    resources: resources([0.1, 8, 1], ['128Mi', '16Gi', '512Mi']),
  },
  {
    id: 'redis',
    version: 1,
    title: 'Redis 7',
    category: 'cache',
    terminals: { inputs: [{ name: 'in', protocol: 'redis', port: 6379 }] },
    resources: resources([0.1, 4, 0.5], ['32Mi', '16Gi', '256Mi']),
  },
];

export const testClasses: ApplianceClass[] = inputs.map((c) => classSchema.parse(c));
export const testCatalog = createCatalog(testClasses);

/** The LAMP assembly's manifest, as templates/assemblies/lamp-cluster.yaml has it. */
export function lampManifest(): ManifestInput {
  return {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'lamp-cluster',
    appliances: [
      { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 8080 }] },
      { name: 'web', class: 'web-php', replicas: 3, resources: { cpu: 0.5, memory: '256Mi' }, properties: { workers: 4 } },
      { name: 'content', class: 'nas', properties: { seed: 'lamp-demo' } },
      { name: 'db', class: 'postgres', properties: { database: 'lamp' } },
    ],
    connections: [
      { from: 'lb.out', to: 'web.in' },
      { from: 'web.fs', to: 'content.fs' },
      { from: 'web.db', to: 'db.in' },
    ],
    visual: { lb: { x: 0, y: 120 }, web: { x: 260, y: 120 }, content: { x: 540, y: 20 }, db: { x: 540, y: 220 } },
  };
}
