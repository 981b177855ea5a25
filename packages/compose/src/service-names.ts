// Compose service names (underscores, capitals, dots, up to 63 characters) into appliance names
// (DNS labels of at most 32), each change reported and collisions numbered.
import { DNS_LABEL } from '@colo/manifest';
import type { Report } from './report';

const MAX_NAME = 32;

function normalize(name: string): string {
  let label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '');
  label = label.slice(0, MAX_NAME).replace(/-+$/, '');
  return label === '' ? 'app' : label;
}

function numbered(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** Service name → appliance name, in the file's order. */
export function applianceNames(services: string[], report: Report): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const service of services) {
    let name = normalize(service);
    for (let n = 2; taken.has(name); n++) name = numbered(normalize(service), n);
    taken.add(name);
    names.set(service, name);
    if (name !== service || !DNS_LABEL.test(name)) {
      report.add(service, 'name', 'changed', `service "${service}" becomes appliance "${name}" (appliance names are lowercase letters, digits and hyphens, unique)`);
    }
  }
  return names;
}
