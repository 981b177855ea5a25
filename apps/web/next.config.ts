import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ['@colo/api', '@colo/control', '@colo/compose', '@colo/bundle', '@colo/db', '@colo/manifest', '@colo/catalog', '@colo/engine', '@colo/canvas'],
  // Native or Node-only modules: loaded by Node at run time, never bundled.
  serverExternalPackages: [
    'dockerode',
    'docker-modem',
    'ssh2',
    'cpu-features',
    'tar-fs',
    'pg',
    'bullmq',
    'ioredis',
    '@prisma/client',
    '@prisma/adapter-pg',
  ],
  poweredByHeader: false,
};

export default nextConfig;
