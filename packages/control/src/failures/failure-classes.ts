// The classes of engine failure a person can act on: how each is recognised in Docker's (or the
// engine's) words, and what it means and what to do, in plain language. Docker's text stays the
// "details"; these are the words the failure view, the API and the CLI all show.

export type FailureClass =
  | 'port_taken'
  | 'image_missing'
  | 'out_of_memory'
  | 'limits'
  | 'disk_full'
  | 'network_pool'
  | 'node_down'
  | 'volume_in_use'
  | 'name_conflict'
  | 'health_timeout'
  | 'health_failed'
  | 'crashed'
  | 'docker_unavailable'
  | 'invalid_manifest'
  | 'aborted'
  | 'unknown';

/** What a rule knows when it words a failure. */
export interface FailureFacts {
  /** Docker's (or the engine's) own text. */
  raw: string;
  /** The appliance it hit, when it could be told. */
  appliance?: string;
}

export interface FailureWords {
  message: string;
  fix: string;
}

interface FailureRule {
  class: FailureClass;
  /** The ColoError codes (Operation.errorCode) that mean this class whatever the text says. */
  codes?: string[];
  pattern?: RegExp;
  words(facts: FailureFacts): FailureWords;
}

const subject = (f: FailureFacts, fallback = 'an appliance') => f.appliance ?? fallback;
/** At a sentence's start: an appliance's own name keeps its case (`db`, never `Db`). */
const Subject = (f: FailureFacts) => f.appliance ?? 'An appliance';
const first = (raw: string, re: RegExp) => re.exec(raw)?.[1];

/** Checked in order: the first that matches names the class (more specific before less). */
export const FAILURE_RULES: readonly FailureRule[] = [
  {
    class: 'port_taken',
    // The last: a swarm's words for a published (host-mode) port a node cannot take.
    pattern: /address already in use|port is already allocated|host-mode port already in use/i,
    words(f) {
      const port =
        first(f.raw, /:(\d{1,5}): bind: address already in use/i) ?? first(f.raw, /Bind for \S*?:(\d{1,5}) failed/i) ?? first(f.raw, /colo-edge-\S+?-(\d{1,5})\b/i);
      const where = port ? `Port ${port}` : 'A port this VDC publishes';
      return {
        message: `${where} is in use by another program on this machine, so ${subject(f)} could not be published on it.`,
        fix: `Stop the program that listens on ${port ? `port ${port}` : 'that port'} (or publish ${subject(f)} on another port), then Retry.`,
      };
    },
  },
  {
    class: 'volume_in_use',
    pattern: /volume is in use/i,
    words: (f) => ({
      message: `A volume of ${subject(f)} is still used by another container, so Docker would not remove or replace it.`,
      fix: 'Stop or remove the container that still mounts it (Docker names it under details), then Retry.',
    }),
  },
  {
    class: 'name_conflict',
    codes: ['name_taken'],
    pattern: /is already in use by container|Conflict\. The container name|is taken by a container this VDC does not own|exists and is not this VDC's/i,
    words: (f) => ({
      message: `A Docker object that Colo needs for ${subject(f)} has a name another container or service already uses, and that one is not this VDC's.`,
      fix: 'Rename or remove the other container (its name is under details); Colo never touches what is not its own. Then Retry.',
    }),
  },
  {
    class: 'image_missing',
    codes: ['image_missing'],
    pattern: /no such image|pull access denied|manifest unknown|repository does not exist|image not found/i,
    words(f) {
      const image = first(f.raw, /no such image:\s*([^\s,;)]+)/i);
      return {
        message: `The image ${image ? `${image} ` : ''}that ${subject(f)} runs is not on this machine, and Colo does not download images.`,
        fix: 'Load the image into Docker (docker load, or build it), or choose another version of the class, then Retry.',
      };
    },
  },
  {
    class: 'out_of_memory',
    pattern: /OOMKilled|out of memory|oom[- ]kill|exit(?:ed with)? code 137\b/i,
    words: (f) => ({
      message: `${Subject(f)} ran out of memory and was killed.`,
      fix: `Give ${subject(f)} more memory (Sizing in the inspector), or make it use less, then Retry.`,
    }),
  },
  {
    class: 'disk_full',
    codes: ['no_space'],
    pattern: /no space left on device|disk quota exceeded/i,
    words: (f) => ({
      message: `The disk Docker writes to is full, so ${subject(f)} could not be set up.`,
      fix: 'Free space on the machine (docker system df shows what Docker holds; old snapshots can go), then Retry.',
    }),
  },
  {
    class: 'limits',
    pattern: /Minimum memory limit|Range of CPUs|cannot allocate memory|NanoCPUs can not be set|insufficient (?:resources|memory|cpu)|exceeds? the (?:memory|cpu)/i,
    words: (f) => ({
      message: `This machine cannot give ${subject(f)} the CPU or memory it asks for.`,
      fix: `Lower ${subject(f)}'s CPU or memory (Sizing in the inspector), or free resources on the machine, then Retry.`,
    }),
  },
  {
    class: 'network_pool',
    pattern: /non-overlapping IPv4 address pool|fully subnetted|no available network|could not find an available .*(?:pool|subnet)/i,
    words: () => ({
      message: 'Docker has no free address range left for another network: its address pools are used up.',
      fix: 'Destroy VDCs you no longer need (each wire is a network), or give Docker more default-address-pools in its daemon.json, then Retry.',
    }),
  },
  {
    class: 'node_down',
    pattern: /node is down|no suitable node|not ready and active|node .*(?:unavailable|unreachable|lost)|is not available on any node/i,
    words: (f) => ({
      message: `No ready node of the swarm can run ${subject(f)}: the node it needs is down, drained or lacks what it asks for.`,
      fix: 'Bring the node back (colo node ls shows which are down), or move the appliance to a ready node, then Retry.',
    }),
  },
  {
    class: 'health_timeout',
    // The last: a swarm service whose tasks did not all run in time (`0/2 running after 120 s`).
    pattern: /not healthy after|did not become healthy|not running after|\d+\/\d+ running after/i,
    words(f) {
      const seconds = first(f.raw, /after (\d+) ?s\b/i);
      return {
        message: `${Subject(f)} started but did not become healthy${seconds ? ` within ${seconds} s` : ' in time'}.`,
        fix: `Read ${subject(f)}'s last log lines under details for the reason; fix its settings (or what it waits for), then Retry.`,
      };
    },
  },
  {
    class: 'crashed',
    pattern: /exited with code|keeps restarting|is not started|non-zero exit/i,
    words(f) {
      const code = first(f.raw, /(?:exited with|last exit) code (\d+)/i);
      return {
        message: `${Subject(f)} stopped right after it started${code ? ` (exit code ${code})` : ''}.`,
        fix: `Read ${subject(f)}'s last log lines under details for the reason; fix its settings, then Retry.`,
      };
    },
  },
  {
    class: 'health_failed',
    pattern: /failed its health check|tasks failed/i,
    words: (f) => ({
      message: `${Subject(f)} started but fails its health check.`,
      fix: `Read ${subject(f)}'s last log lines under details for the reason; fix its settings, then Retry.`,
    }),
  },
  {
    class: 'docker_unavailable',
    codes: ['docker_unavailable'],
    pattern: /Cannot connect to the Docker daemon|docker\.sock|Is the docker daemon running/i,
    words: () => ({
      message: 'Colo could not reach Docker on this machine.',
      fix: 'Make sure Docker is running (systemctl status docker), then Retry.',
    }),
  },
  {
    class: 'invalid_manifest',
    codes: ['invalid_manifest'],
    words: () => ({
      message: 'The drawing has a problem Colo found before changing anything in Docker.',
      fix: 'Fix what details names (the Problems tab lists it too), save, and deploy again.',
    }),
  },
  {
    class: 'aborted',
    pattern: /\baborted\b/i,
    words: () => ({
      message: 'The operation was stopped before it finished; what it made so far is kept.',
      fix: 'Retry: a deploy picks up where it stopped.',
    }),
  },
];

/** When no rule matches: still a next step, and Docker's words under details. */
export function unknownWords(f: FailureFacts): FailureWords {
  return {
    message: f.appliance ? `Docker could not set up ${f.appliance}, for a reason Colo does not recognise.` : 'Docker refused a step of this operation, for a reason Colo does not recognise.',
    fix: "Docker's own words are under details. Fix what they name, then Retry, or roll back to the last revision that deployed.",
  };
}

/** A code that names a class wins over the text (an invalid manifest may quote anything). */
export function ruleFor(raw: string, code: string | null | undefined): FailureRule | undefined {
  return (code ? FAILURE_RULES.find((r) => r.codes?.includes(code)) : undefined) ?? FAILURE_RULES.find((r) => r.pattern?.test(raw) ?? false);
}

