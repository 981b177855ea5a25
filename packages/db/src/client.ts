// The only place a PrismaClient is built: one per process, over node-postgres (Rust-free client).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { databaseUrl } from './database-url';

export type Db = PrismaClient;

// Kept on globalThis so Next's dev reloads reuse the pool instead of leaking one per reload, and
// so the configuration reaches every copy of this module a bundler makes.
const holder = globalThis as typeof globalThis & { __coloPrisma?: PrismaClient; __coloDatabaseEnv?: Record<string, string | undefined> };

/**
 * Hands this package the environment its client reads DATABASE_URL from, once at start: the apps
 * pass process.env (through control's configureControl). Read when the client is made, so a test
 * that points DATABASE_URL elsewhere and disconnects gets a client of the new database.
 */
export function configureDatabase(env: Record<string, string | undefined>): void {
  holder.__coloDatabaseEnv = env;
}

function configuredUrl(): string {
  const env = holder.__coloDatabaseEnv;
  if (!env) throw new Error('@colo/db is not configured: the app calls configureDatabase(process.env), or configureControl, at start');
  return databaseUrl(env);
}

export function createPrismaClient(url: string = configuredUrl()): PrismaClient {
  // A small pool: web and worker each hold one client; 2 CPUs do not want more connections.
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return new PrismaClient({ adapter });
}

export function getPrisma(): PrismaClient {
  holder.__coloPrisma ??= createPrismaClient();
  return holder.__coloPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  const client = holder.__coloPrisma;
  holder.__coloPrisma = undefined;
  await client?.$disconnect();
}
