// `npx tsx scripts/migrate.ts`: brings DATABASE_URL's database to the latest schema (@colo/db's
// migration runner; the environment is read here, not in the package).
import { databaseUrl, redactUrl } from '@colo/db';
import { migrate } from '@colo/db/migrate';

try {
  const url = databaseUrl(process.env);
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
