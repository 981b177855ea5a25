// The appliance class fault tests run: a long-running process that stops at once on SIGTERM
// (like the control tests' sleeper) and can be told, from outside, to fail each way a real
// appliance fails: crash (`touch /tmp/crash`), run out of memory (`touch /tmp/oom`: it turns
// into a process that eats memory until the kernel kills it), or fail its health check
// (`touch /tmp/sick`). Each start clears the marks, so a restart comes back healthy.
import { type ApplianceClass, classSchema } from '@colo/manifest';

export const FAULTY_IMAGE = 'colo-test/faults-faulty:1';
export const BASE_IMAGE = 'debian:bookworm-slim';

const LOOP = [
  'rm -f /tmp/crash /tmp/oom /tmp/sick',
  "trap 'exit 0' TERM",
  'while true; do',
  '  if [ -e /tmp/crash ]; then exit 3; fi',
  '  if [ -e /tmp/oom ]; then exec tail /dev/zero; fi',
  '  sleep 0.2 & wait $!',
  'done',
].join('\n');

export const FAULTY_DOCKERFILE = `FROM ${BASE_IMAGE}\nCMD ["bash", "-c", ${JSON.stringify(LOOP)}]\n`;

export const faultyClass: ApplianceClass = classSchema.parse({
  id: 'faulty',
  version: 1,
  title: 'Faulty',
  image: FAULTY_IMAGE,
  terminals: {
    inputs: [{ name: 'in', protocol: 'tcp', port: 8080, clientEnv: { PASSWORD: '{{ secrets.password }}' } }],
    outputs: [{ name: 'peer', protocol: 'tcp' }],
  },
  secrets: ['password'],
  env: { OWN_PASSWORD: '{{ secrets.password }}' },
  health: { test: ['CMD-SHELL', 'test ! -e /tmp/sick || { echo sick flag set; exit 1; }'], interval: '1s', timeout: '10s', retries: 2 },
  resources: { cpu: { min: 0.05, max: 1, default: 0.25 }, memory: { min: '16Mi', max: '256Mi', default: '32Mi' } },
  replicas: { min: 0, max: 8, default: 1 },
});

/** A command that makes a running container of the class fail that way. */
export const FAIL = {
  crash: ['touch', '/tmp/crash'],
  oom: ['touch', '/tmp/oom'],
  sick: ['touch', '/tmp/sick'],
} as const;

/**
 * The same process without a health check: for faults that are not about health, so a machine
 * too busy to run health checks on time does not turn into flap-guard stops mid-test.
 */
export const steadyClass: ApplianceClass = classSchema.parse({ ...faultyClass, id: 'steady', title: 'Steady', health: undefined });
