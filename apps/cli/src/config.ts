// Where the CLI finds its server and token: COLO_URL / COLO_TOKEN, else the config file that
// `colo login` (or scripts/up.sh) wrote. The file holds a token, so it is written mode 600.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CliError } from './errors';

export interface ColoConfig {
  url: string;
  token: string;
}

type Env = Record<string, string | undefined>;

const fileSchema = z.looseObject({ url: z.string().optional(), token: z.string().optional() });

export const NOT_LOGGED_IN = 'not logged in: run `colo login URL --token T` or set COLO_URL and COLO_TOKEN';

export function configPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), '.config');
  return path.join(base, 'colo', 'config.json');
}

export async function readConfigFile(env: Env): Promise<Partial<ColoConfig>> {
  const file = configPath(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not valid JSON: run \`colo login URL --token T\` to rewrite it`);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new CliError(`${file} should hold { "url": "…", "token": "…" }: run \`colo login\` to rewrite it`);
  return { url: parsed.data.url, token: parsed.data.token };
}

/** The server and token to use; each environment variable overrides its field in the file. */
export async function resolveConfig(env: Env): Promise<ColoConfig> {
  const envUrl = env.COLO_URL || undefined;
  const envToken = env.COLO_TOKEN || undefined;
  const file = envUrl && envToken ? {} : await readConfigFile(env);
  const url = envUrl ?? file.url;
  const token = envToken ?? file.token;
  if (!url || !token) throw new CliError(NOT_LOGGED_IN);
  return { url: normalizeUrl(url, envUrl ? 'COLO_URL' : configPath(env)), token };
}

export async function writeConfig(env: Env, config: ColoConfig): Promise<string> {
  const file = configPath(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written to a fresh file and renamed over the old one: a crash never leaves half a file, and
  // the token never sits in a file more open than 600, even if an older config.json was.
  const temp = `${file}.${process.pid}.tmp`;
  await rm(temp, { force: true });
  await writeFile(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await rename(temp, file);
  return file;
}

/** `http://host:3000/` and `http://host:3000/api/v1` both mean `http://host:3000`. */
export function normalizeUrl(raw: string, source = 'URL'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`${source}: "${raw}" is not a URL (expected e.g. http://127.0.0.1:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`${source}: "${raw}" must start with http:// or https://`);
  }
  const pathname = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${pathname}`;
}
