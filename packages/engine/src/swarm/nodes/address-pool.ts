// The overlay networks' address pool of a new swarm. Docker's default (10.0.0.0/8) would swallow
// the engine's own bridge pools and any network already made, so Colo picks a /16 that overlaps
// none of them.

interface Cidr {
  start: number;
  end: number;
}

export function parseCidr(cidr: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(address / size) * size;
  return { start, end: start + size - 1 };
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The candidates, in order: 10.200–10.254, then 10.100–10.199 (each a /16). */
function* candidates(): Generator<string> {
  for (let second = 200; second <= 254; second++) yield `10.${second}.0.0/16`;
  for (let second = 100; second < 200; second++) yield `10.${second}.0.0/16`;
}

/** The first candidate /16 that overlaps none of `used` (CIDRs; unparsable ones, e.g. IPv6, are ignored). */
export function freeAddressPool(used: string[]): string | undefined {
  const taken = used.map(parseCidr).filter((c): c is Cidr => c !== undefined);
  for (const candidate of candidates()) {
    const range = parseCidr(candidate) as Cidr;
    if (!taken.some((t) => overlaps(t, range))) return candidate;
  }
  return undefined;
}

/** Whether `pool` overlaps any of `used`. */
export function poolCollides(pool: string, used: string[]): boolean {
  const range = parseCidr(pool);
  if (!range) return false;
  return used.map(parseCidr).some((t) => t !== undefined && overlaps(t, range));
}
