// The first user of an installation and a fresh API token for the local CLI (scripts/up.sh, and
// the acceptance tests for one user per test file). Safe to run again: the user is kept, a new
// token is issued. Flags: --email E, --url URL (written with the token to the CLI config),
// --no-cli-config, --json.
import { configureControl, ensureLocalAdmin, shutdownControl } from '@colo/control';
import { writeConfig } from '../apps/cli/src/config';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

configureControl(process.env);

try {
  const email = flag('--email') ?? 'admin@colo.local';
  const url = flag('--url') ?? 'http://127.0.0.1:3000';
  const admin = await ensureLocalAdmin({ email });
  const configFile = process.argv.includes('--no-cli-config') ? undefined : await writeConfig(process.env, { url, token: admin.token });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ email: admin.user.email, userId: admin.user.id, token: admin.token, password: admin.password, configFile }));
  } else {
    console.log(`Signed in as ${admin.user.email}${configFile ? ` (CLI config: ${configFile})` : ''}`);
    if (admin.password) console.log(`Web password for ${admin.user.email}: ${admin.password}  (shown once)`);
    if (!configFile) console.log(`API token: ${admin.token}`);
  }
} catch (err) {
  console.error(`bootstrap-admin: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await shutdownControl();
}
