// Named (and anonymous) volumes → the class's instance volume at the same path, or at the path the
// official image keeps its data in. Host paths never get here: unsafe-items.ts refused them.
import type { ApplianceClass } from '@colo/manifest';
import type { Report } from './report';
import { volumeSource } from './unsafe-items';

/** Where the official image keeps its data, when the class keeps it elsewhere. */
const IMAGE_DATA_PATHS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  redis: { '/data': 'data' },
  postgres: { '/var/lib/postgresql': 'data' },
};

export function mapVolumes(service: string, cls: ApplianceClass, volumes: unknown[] | undefined, report: Report): void {
  const instance = cls.volumes.filter((v) => v.kind === 'instance');
  const aliases = IMAGE_DATA_PATHS[cls.id] ?? {};
  for (const entry of volumes ?? []) {
    const { source, target, type } = volumeSource(entry);
    const what = source ? `volume "${source}"` : 'an anonymous volume';
    if (type === 'tmpfs') {
      report.add(service, 'volumes', 'dropped', `the tmpfs at ${target ?? '?'} is not carried over (the class has its own scratch space)`);
      continue;
    }
    const path = (target ?? '').replace(/\/+$/, '');
    const volume = instance.find((v) => v.mountPath === path) ?? instance.find((v) => Object.hasOwn(aliases, path) && aliases[path] === v.name);
    const readOnly = typeof entry === 'string' ? /:ro$/.test(entry) : (entry as { read_only?: unknown })?.read_only === true;
    if (volume && readOnly) report.add(service, 'volumes', 'changed', `${what} is mounted read-write: it is the appliance's own data`);
    if (volume) {
      report.add(service, 'volumes', 'mapped', `${what} at ${target} becomes the appliance's instance volume "${volume.name}" (${volume.mountPath}), kept by snapshots and clones`);
    } else {
      const has = instance.length > 0 ? `its instance volume is ${instance.map((v) => `"${v.name}" at ${v.mountPath}`).join(', ')}` : 'it declares no instance volume';
      report.add(service, 'volumes', 'dropped', `${what} at ${target ?? '?'} is not carried over: class ${cls.id} keeps no data there (${has})`);
    }
  }
}
