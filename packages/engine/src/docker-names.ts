// Deterministic Docker object names (docs/contracts.md): a retry finds what the last attempt made.

export function containerName(key: string, appliance: string, replica: number): string {
  return `colo-${key}-${appliance}-${replica}`;
}

export function terminalNetworkName(key: string, appliance: string, terminal: string): string {
  return `colo-${key}-${appliance}-${terminal}`;
}

export function edgeNetworkName(key: string): string {
  return `colo-${key}-edge`;
}

export function instanceVolumeName(key: string, appliance: string, volume: string): string {
  return `colo-${key}-${appliance}-${volume}`;
}

/** `db` → `DB`, `web-cache` → `WEB_CACHE`: the env prefix of an output terminal. */
export function envPrefix(outputName: string): string {
  return outputName.toUpperCase().replace(/-/g, '_');
}
