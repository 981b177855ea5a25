// Prisma CLI configuration (Prisma 7 reads it from the repo root). The URL is only needed by
// `prisma migrate deploy`/`studio`; `prisma generate` works without it.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
