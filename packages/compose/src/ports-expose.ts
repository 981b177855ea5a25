// Compose `ports` → `expose` on the class's input that listens on the container port. A port
// without a host port, a range or UDP cannot be carried over; a host address is Colo's to choose.
import type { ApplianceClass, Expose } from '@colo/manifest';
import type { Report } from './report';

export interface PortRange {
  min: number;
  max: number;
}

interface PortSpec {
  hostIp?: string;
  published?: string;
  target: string;
  protocol: string;
}

/** "[ip:][host:]container[/proto]" or the long form; IPv6 host addresses come bracketed. */
function portSpec(entry: unknown): PortSpec | undefined {
  if (typeof entry === 'number') return { target: String(entry), protocol: 'tcp' };
  if (typeof entry === 'string') {
    const [body, protocol = 'tcp'] = entry.split('/');
    const m = /^(?:(\[[^\]]*\]|[^:]*):)?(?:([^:]*):)?([^:]+)$/.exec(body);
    if (!m) return undefined;
    // Two parts are host:container; three are ip:host:container.
    if (m[2] === undefined && m[1] !== undefined) return { published: m[1], target: m[3], protocol };
    return { hostIp: m[1], published: m[2], target: m[3], protocol };
  }
  if (entry && typeof entry === 'object') {
    const o = entry as Record<string, unknown>;
    return {
      hostIp: o.host_ip === undefined ? undefined : String(o.host_ip),
      published: o.published === undefined ? undefined : String(o.published),
      target: String(o.target),
      protocol: o.protocol === undefined ? 'tcp' : String(o.protocol),
    };
  }
  return undefined;
}

/** The first TCP container port `ports` names (what a custom image listens on), if any. */
export function firstContainerPort(ports: unknown[] | undefined): number | undefined {
  for (const entry of ports ?? []) {
    const spec = portSpec(entry);
    if (spec && spec.protocol === 'tcp' && /^\d+$/.test(spec.target) && Number(spec.target) >= 1 && Number(spec.target) <= 65535) return Number(spec.target);
  }
  return undefined;
}

const ANY_ADDRESS = new Set(['', '0.0.0.0', '127.0.0.1', '[::]', '::']);

export function exposedPorts(service: string, cls: ApplianceClass, ports: unknown[] | undefined, range: PortRange, report: Report): Expose[] {
  const expose: Expose[] = [];
  const inputs = cls.terminals.inputs.filter((t) => t.port !== undefined);
  for (const entry of ports ?? []) {
    const spec = portSpec(entry);
    const label = typeof entry === 'object' ? JSON.stringify(entry) : String(entry);
    if (!spec) {
      report.add(service, 'ports', 'dropped', `"${label}" is not a port mapping Colo can read`);
      continue;
    }
    if (spec.protocol !== 'tcp') {
      report.add(service, 'ports', 'dropped', `"${label}": only TCP is published`);
      continue;
    }
    if (!/^\d+$/.test(spec.target) || (spec.published !== undefined && spec.published !== '' && !/^\d+$/.test(spec.published))) {
      report.add(service, 'ports', 'dropped', `"${label}": port ranges and variables are not carried over; expose one port per terminal`);
      continue;
    }
    if (spec.published === undefined || spec.published === '') {
      report.add(service, 'ports', 'dropped', `"${label}" names no host port; Colo publishes a terminal only on a host port you choose`);
      continue;
    }
    const target = Number(spec.target);
    const host = Number(spec.published);
    if (host < range.min || host > range.max) {
      report.add(service, 'ports', 'dropped', `"${label}": host port ${host} is outside the allowed range ${range.min}–${range.max}; expose the terminal on another port`);
      continue;
    }
    let terminal = inputs.find((t) => t.port === target);
    if (!terminal && inputs.length > 0) {
      terminal = inputs[0];
      report.add(service, 'ports', 'changed', `container port ${target} becomes terminal ${terminal.name} (class ${cls.id} listens on ${terminal.port})`);
    }
    if (!terminal) {
      report.add(service, 'ports', 'dropped', `"${label}": class ${cls.id} has no input to publish`);
      continue;
    }
    if (spec.hostIp !== undefined && !ANY_ADDRESS.has(spec.hostIp)) {
      report.add(service, 'ports', 'changed', `host address ${spec.hostIp} is not used: Colo publishes on its configured address (127.0.0.1 unless set)`);
    }
    expose.push({ terminal: terminal.name, port: host });
    report.add(service, 'ports', 'mapped', `host port ${host} exposes terminal ${terminal.name}`);
  }
  return expose;
}
