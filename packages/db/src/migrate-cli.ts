// `npx tsx packages/db/src/migrate-cli.ts`: brings DATABASE_URL's database to the latest schema.
import { redactUrl, databaseUrl } from './database-url';
import { migrate } from './migrate';

try {
  const url = databaseUrl();
  const result = await migrate({ databaseUrl: url, log: (m) => console.log(m) });
  for (const name of result.modified) {
    console.warn(`warning: migration ${name} was changed after it was applied`);
  }
  console.log(
    `${redactUrl(url)}: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`,
  );
} catch (err) {
  console.error(`migrate: ${(err as Error).message}`);
  process.exitCode = 1;
}
