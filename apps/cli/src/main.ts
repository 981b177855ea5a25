// The `colo` process: wires the real terminal, environment and network into the CLI and
// turns its result into the exit code.
import { createInterface } from 'node:readline/promises';
import type { CliContext } from './context';
import { processStdio } from './exec-stdio';
import { run } from './run';

// `colo ls | head` closes stdout early; that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('reading from stdin (end with Ctrl-D)…\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

const ctx: CliContext = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  readStdin,
  fetch: globalThis.fetch,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  pollIntervalMs: 500,
  requestTimeoutMs: 60_000,
  confirm: process.stdin.isTTY && process.stderr.isTTY ? confirm : undefined,
  stdoutIsTty: process.stdout.isTTY === true,
  stdio: processStdio(),
};

process.exitCode = await run(process.argv.slice(2), ctx);
