// The only place a PrismaClient is built: one per process, over node-postgres (Rust-free client).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { databaseUrl } from './database-url';

export type Db = PrismaClient;

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  // A small pool: web and worker each hold one client; 2 CPUs do not want more connections.
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return new PrismaClient({ adapter });
}

// Kept on globalThis so Next's dev reloads reuse the pool instead of leaking one per reload.
const holder = globalThis as typeof globalThis & { __coloPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  holder.__coloPrisma ??= createPrismaClient();
  return holder.__coloPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  const client = holder.__coloPrisma;
  holder.__coloPrisma = undefined;
  await client?.$disconnect();
}
