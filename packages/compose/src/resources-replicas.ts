// Compose's replica count and CPU/memory limits → the appliance's, held inside the class's bounds
// (each clamp reported).
import { type ApplianceClass, parseMemory } from '@colo/manifest';
import type { ComposeService } from './compose-schema';
import type { Report } from './report';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
const MI = 1024 ** 2;

/** "512m", "1.5G", "256MB", 1073741824 → bytes; undefined when not a size. */
export function composeBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]{0,2})\s*$/.exec(value);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  const bytes = Number(m[1]) * unit;
  return bytes > 0 ? bytes : undefined;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

export interface ApplianceSizing {
  replicas?: number;
  resources?: { cpu?: number; memory?: string };
}

function replicas(service: string, cls: ApplianceClass, raw: ComposeService, report: Report): number | undefined {
  const key = raw.deploy?.replicas !== undefined ? 'deploy.replicas' : 'scale';
  const wanted = raw.deploy?.replicas ?? raw.scale;
  if (wanted === undefined) return undefined;
  const { min, max } = cls.replicas;
  const n = clamp(wanted, min, max);
  if (n !== wanted) report.add(service, key, 'changed', `${wanted} replicas become ${n}: class ${cls.id} allows ${min} to ${max}`);
  else report.add(service, key, 'mapped', `runs ${n} replica${n === 1 ? '' : 's'}`);
  return n;
}

function cpu(service: string, cls: ApplianceClass, raw: ComposeService, report: Report): number | undefined {
  const key = raw.deploy?.resources?.limits?.cpus !== undefined ? 'deploy.resources.limits.cpus' : 'cpus';
  const given = raw.deploy?.resources?.limits?.cpus ?? raw.cpus;
  if (given === undefined) return undefined;
  const wanted = Number(given);
  if (!Number.isFinite(wanted) || wanted <= 0) {
    report.add(service, key, 'dropped', `"${String(given)}" is not a CPU count; the class default ${cls.resources.cpu.default} is used`);
    return undefined;
  }
  const { min, max } = cls.resources.cpu;
  const n = clamp(wanted, min, max);
  if (n !== wanted) report.add(service, key, 'changed', `${wanted} CPUs become ${n}: class ${cls.id} allows ${min} to ${max}`);
  else report.add(service, key, 'mapped', `limited to ${n} CPU`);
  return n;
}

function memory(service: string, cls: ApplianceClass, raw: ComposeService, report: Report): string | undefined {
  const key = raw.deploy?.resources?.limits?.memory !== undefined ? 'deploy.resources.limits.memory' : 'mem_limit';
  const given = raw.deploy?.resources?.limits?.memory ?? raw.mem_limit;
  if (given === undefined) return undefined;
  const bytes = composeBytes(given);
  if (bytes === undefined) {
    report.add(service, key, 'dropped', `"${String(given)}" is not a memory size; the class default ${String(cls.resources.memory.default)} is used`);
    return undefined;
  }
  const min = parseMemory(cls.resources.memory.min);
  const max = parseMemory(cls.resources.memory.max);
  const mebibytes = Math.round(clamp(bytes, min, max) / MI);
  const text = `${Math.max(1, mebibytes)}Mi`;
  if (bytes < min || bytes > max) {
    report.add(service, key, 'changed', `${String(given)} becomes ${text}: class ${cls.id} allows ${String(cls.resources.memory.min)} to ${String(cls.resources.memory.max)}`);
  } else report.add(service, key, 'mapped', `limited to ${text}`);
  return text;
}

export function applianceSizing(service: string, cls: ApplianceClass, raw: ComposeService, report: Report): ApplianceSizing {
  const sizing: ApplianceSizing = {};
  const n = replicas(service, cls, raw, report);
  if (n !== undefined) sizing.replicas = n;
  const c = cpu(service, cls, raw, report);
  const m = memory(service, cls, raw, report);
  if (c !== undefined || m !== undefined) sizing.resources = { ...(c !== undefined ? { cpu: c } : {}), ...(m !== undefined ? { memory: m } : {}) };
  return sizing;
}
