// A small, realistic catalog and the SPEC §2 example manifest, shared by the tests.
import { type ApplianceClass, type ClassInput, classSchema } from './class-schema';
import { createCatalog } from './memory-catalog';
import type { ValidationResult } from './validate-manifest';

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
      inputs: [{ name: 'in', protocol: 'http', port: 80 }],
      outputs: [{ name: 'out', protocol: 'http', mandatory: true }],
    },
    properties: [
      { name: 'sticky', type: 'boolean', default: false },
      { name: 'algorithm', type: 'enum', values: ['roundrobin', 'leastconn'], default: 'roundrobin' },
    ],
    resources: resources([0.1, 2, 0.25], ['32Mi', '512Mi', '64Mi']),
    replicas: { min: 1, max: 2, default: 1 },
  },
  {
    id: 'web-php',
    version: 1,
    title: 'PHP web server (v1)',
    category: 'web',
    terminals: {
      inputs: [{ name: 'in', protocol: 'http', port: 80 }],
      outputs: [{ name: 'db', protocol: 'pgsql' }],
    },
    properties: [{ name: 'workers', type: 'integer', min: 1, max: 16, default: 2 }],
    resources: resources([0.1, 2, 0.5], ['64Mi', '1Gi', '128Mi']),
    replicas: { min: 0, max: 5, default: 1 },
  },
  {
    id: 'web-php',
    version: 2,
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
      { name: 'workers', label: 'PHP workers', type: 'integer', min: 1, max: 64, default: 2 },
      { name: 'docroot', type: 'string', pattern: '^/', default: '/var/www/html' },
      { name: 'timeout', type: 'number', min: 0.5, max: 300 },
      { name: 'debug', type: 'boolean' },
    ],
    resources: resources([0.1, 4, 0.5], ['64Mi', '2Gi', '128Mi']),
    replicas: { min: 0, max: 10, default: 1 },
  },
  {
    id: 'nas',
    version: 1,
    title: 'Network storage',
    category: 'storage',
    terminals: {
      inputs: [
        { name: 'fs', protocol: 'fs', volume: 'share' },
        { name: 'http', protocol: 'http', port: 80 },
      ],
    },
    volumes: [{ name: 'share', mountPath: '/srv/share' }],
    resources: resources([0.1, 1, 0.25], ['32Mi', '512Mi', '64Mi']),
  },
  {
    id: 'postgres',
    version: 1,
    title: 'PostgreSQL',
    category: 'database',
    terminals: {
      inputs: [
        {
          name: 'in',
          protocol: 'pgsql',
          port: 5432,
          clientEnv: { USER: 'app', PASSWORD: '{{ secrets.password }}', NAME: '{{ properties.database }}' },
        },
      ],
    },
    volumes: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
    properties: [
      {
        name: 'database',
        type: 'string',
        required: true,
        pattern: '^[a-z_][a-z0-9_]*$',
        min: 1,
        max: 63,
      },
    ],
    secrets: ['password'],
    resources: resources([0.25, 4, 1], ['128Mi', '4Gi', '256Mi']),
    replicas: { min: 1, max: 1, default: 1 },
  },
  {
    id: 'redis',
    version: 1,
    title: 'Redis',
    category: 'cache',
    terminals: { inputs: [{ name: 'in', protocol: 'redis', port: 6379 }] },
    resources: resources([0.1, 1, 0.25], ['32Mi', '1Gi', '64Mi']),
  },
  {
    id: 'app',
    version: 1,
    title: 'Application server',
    category: 'web',
    terminals: {
      inputs: [{ name: 'in', protocol: 'http', port: 8000 }],
      outputs: [
        { name: 'db', protocol: 'pgsql' },
        { name: 'cache', protocol: 'redis' },
        { name: 'upstream', protocol: 'any' },
      ],
    },
    resources: resources([0.1, 2, 0.5], ['64Mi', '1Gi', '128Mi']),
  },
  {
    id: 'tcp-proxy',
    version: 1,
    title: 'TCP proxy',
    category: 'gateway',
    terminals: {
      inputs: [
        { name: 'in', protocol: 'any', port: 9000 },
        { name: 'admin', protocol: 'http' },
      ],
      outputs: [{ name: 'out', protocol: 'any' }],
    },
    resources: resources([0.1, 1, 0.25], ['32Mi', '256Mi', '32Mi']),
  },
];

export const fixtureClasses: ApplianceClass[] = inputs.map((c) => classSchema.parse(c));
export const fixtureCatalog = createCatalog(fixtureClasses);

/** The SPEC §2 example, as a fresh object each call so tests may mutate it. */
export function shopManifest() {
  return {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'shop',
    appliances: [
      { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: 8080 }] },
      {
        name: 'web',
        class: 'web-php',
        replicas: 3,
        resources: { cpu: 0.5, memory: '256Mi' },
        properties: { workers: 4 },
      },
      { name: 'content', class: 'nas' },
      { name: 'db', class: 'postgres', properties: { database: 'shop' } },
    ] as Record<string, unknown>[],
    connections: [
      { from: 'lb.out', to: 'web.in' },
      { from: 'web.fs', to: 'content.fs' },
      { from: 'web.db', to: 'db.in' },
    ] as Record<string, unknown>[],
    visual: { lb: { x: 0, y: 0 }, web: { x: 240, y: 0 } } as Record<string, unknown>,
  };
}

/** The SPEC §2 example text, verbatim. */
export const SHOP_YAML = `apiVersion: colo/v1
kind: VDC
name: shop
appliances:
  - name: lb
    class: halb                 # a class id from the catalog, optionally @version
    expose: [{ terminal: in, port: 8080 }]   # published on 127.0.0.1 unless configured
  - name: web
    class: web-php
    replicas: 3
    resources: { cpu: 0.5, memory: 256Mi }
    properties: { workers: 4 }
  - name: content
    class: nas
  - name: db
    class: postgres
    properties: { database: shop }
connections:
  - { from: lb.out, to: web.in }
  - { from: web.fs, to: content.fs }
  - { from: web.db, to: db.in }
visual: { lb: { x: 0, y: 0 }, web: { x: 240, y: 0 } }   # layout, kept apart from meaning
`;

/** The messages reported at exactly `path`. */
export function messagesAt(result: ValidationResult, path: string, severity: 'error' | 'warning' = 'error'): string[] {
  const list = severity === 'error' ? result.errors : result.warnings;
  return list.filter((i) => i.path === path).map((i) => i.message);
}
